package dev.wharf.controller.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * What a work queue holds: the identity of an object to reconcile, never the object itself (workers re-read the
 * cache). {@code resource} is empty for controllers of one kind; the garbage collector, which handles every
 * kind, puts the plural.group there.
 */
public record Key(String resource, String namespace, String name) {
    public Key {
        resource = resource == null ? "" : resource;
        namespace = namespace == null ? "" : namespace;
    }

    public static Key of(String namespace, String name) {
        return new Key("", namespace, name);
    }

    public static Key of(HasMetadata object) {
        return of(object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    /** "ns/name", or "name" for cluster-scoped objects: the cache key. */
    public String cacheKey() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }

    @Override
    public String toString() {
        return (resource.isEmpty() ? "" : resource + ":") + cacheKey();
    }
}
