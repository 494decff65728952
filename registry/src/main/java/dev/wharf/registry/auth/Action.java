package dev.wharf.registry.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a client may do in a repository (the actions of a Docker token scope). */
public enum Action {
    PULL, PUSH, DELETE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a comma-separated action list; {@code *} means all; unknown actions are ignored. */
    public static Set<Action> parseList(String list) {
        Set<Action> out = EnumSet.noneOf(Action.class);
        for (String a : list.split(",")) {
            String t = a.trim();
            if (t.equals("*")) {
                out.addAll(EnumSet.allOf(Action.class));
            } else {
                for (Action x : values()) {
                    if (x.wire().equals(t)) {
                        out.add(x);
                    }
                }
            }
        }
        return out;
    }
}
