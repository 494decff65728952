package dev.wharf.apiserver.registry;

import dev.wharf.api.resource.ResourceType;

/** Store keys: {@code /registry/<group-or-core>/<plural>/<namespace>/<name>} (no namespace for cluster-scoped). */
public final class Keys {
    private Keys() {
    }

    /** Every object of the type, all namespaces. */
    public static String typePrefix(ResourceType type) {
        return "/registry/" + (type.group().isEmpty() ? "core" : type.group()) + "/" + type.plural() + "/";
    }

    /** The objects a list or watch covers: one namespace, or all when {@code namespace} is null/empty. */
    public static String listPrefix(ResourceType type, String namespace) {
        if (!type.namespaced() || namespace == null || namespace.isEmpty()) {
            return typePrefix(type);
        }
        return typePrefix(type) + namespace + "/";
    }

    public static String key(ResourceType type, String namespace, String name) {
        return type.namespaced() ? typePrefix(type) + namespace + "/" + name : typePrefix(type) + name;
    }
}
