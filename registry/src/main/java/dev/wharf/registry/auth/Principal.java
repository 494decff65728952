package dev.wharf.registry.auth;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** An authenticated user and the grants it holds. */
public record Principal(String user, List<Grant> grants) {
    public Principal {
        grants = List.copyOf(grants);
    }

    public static Principal anonymous(boolean pull) {
        return new Principal("", pull ? List.of(Grant.pull("*")) : List.of());
    }

    public Set<Action> allowed(String repository) {
        Set<Action> out = EnumSet.noneOf(Action.class);
        for (Grant g : grants) {
            if (g.covers(repository)) {
                out.addAll(g.actions());
            }
        }
        return out;
    }
}
