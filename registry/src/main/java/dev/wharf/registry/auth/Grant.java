package dev.wharf.registry.auth;

import java.util.EnumSet;
import java.util.Set;

/**
 * Actions allowed on a repository namespace: {@code *} (every repository), {@code team/*} (every repository
 * under {@code team/}) or an exact name.
 */
public record Grant(String namespace, Set<Action> actions) {
    public Grant {
        actions = actions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(actions));
    }

    public static Grant all() {
        return new Grant("*", EnumSet.allOf(Action.class));
    }

    public static Grant pull(String namespace) {
        return new Grant(namespace, EnumSet.of(Action.PULL));
    }

    public boolean covers(String repository) {
        if (namespace.equals("*")) {
            return true;
        }
        if (namespace.endsWith("/*")) {
            return repository.startsWith(namespace.substring(0, namespace.length() - 1));
        }
        return namespace.equals(repository);
    }
}
