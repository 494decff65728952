package dev.wharf.controller.runtime.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An informer's thread-safe store: objects by "ns/name", indexed by namespace, by uid and by the uid of each
 * owner. Readers get the cached instances: treat them as read-only and copy before changing.
 */
public final class Cache<T extends HasMetadata> {
    private final Map<String, T> byKey = new TreeMap<>();
    private final Map<String, Set<String>> byNamespace = new HashMap<>();
    private final Map<String, Set<String>> byOwner = new HashMap<>();
    private final Map<String, String> byUid = new HashMap<>();

    public static String keyOf(HasMetadata o) {
        String ns = o.getMetadata().getNamespace();
        return ns == null || ns.isEmpty() ? o.getMetadata().getName() : ns + "/" + o.getMetadata().getName();
    }

    public synchronized T get(String namespace, String name) {
        return byKey.get(namespace == null || namespace.isEmpty() ? name : namespace + "/" + name);
    }

    public synchronized T getByKey(String key) {
        return byKey.get(key);
    }

    public synchronized T getByUid(String uid) {
        String key = byUid.get(uid);
        return key == null ? null : byKey.get(key);
    }

    public synchronized List<T> list() {
        return new ArrayList<>(byKey.values());
    }

    public synchronized List<T> byNamespace(String namespace) {
        return resolve(byNamespace.get(namespace == null ? "" : namespace));
    }

    /** Objects with an ownerReference to {@code ownerUid}. */
    public synchronized List<T> byOwner(String ownerUid) {
        return resolve(byOwner.get(ownerUid));
    }

    public synchronized int size() {
        return byKey.size();
    }

    /** Stores the object; returns the previous version or null. */
    synchronized T put(T object) {
        String key = keyOf(object);
        T old = byKey.put(key, object);
        if (old != null) {
            unindex(key, old);
        }
        index(key, object);
        return old;
    }

    synchronized T remove(String key) {
        T old = byKey.remove(key);
        if (old != null) {
            unindex(key, old);
        }
        return old;
    }

    synchronized List<String> keys() {
        return new ArrayList<>(byKey.keySet());
    }

    private List<T> resolve(Set<String> keys) {
        List<T> out = new ArrayList<>();
        if (keys != null) {
            for (String k : keys) {
                out.add(byKey.get(k));
            }
        }
        return out;
    }

    private void index(String key, T o) {
        byNamespace.computeIfAbsent(ns(o), n -> new LinkedHashSet<>()).add(key);
        if (o.getMetadata().getUid() != null) {
            byUid.put(o.getMetadata().getUid(), key);
        }
        for (OwnerReference ref : owners(o)) {
            byOwner.computeIfAbsent(ref.getUid(), u -> new LinkedHashSet<>()).add(key);
        }
    }

    private void unindex(String key, T o) {
        remove(byNamespace, ns(o), key);
        if (o.getMetadata().getUid() != null) {
            byUid.remove(o.getMetadata().getUid(), key);
        }
        for (OwnerReference ref : owners(o)) {
            remove(byOwner, ref.getUid(), key);
        }
    }

    private static void remove(Map<String, Set<String>> index, String k, String key) {
        Set<String> s = index.get(k);
        if (s != null) {
            s.remove(key);
            if (s.isEmpty()) {
                index.remove(k);
            }
        }
    }

    private static String ns(HasMetadata o) {
        return o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace();
    }

    private static List<OwnerReference> owners(HasMetadata o) {
        List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
        return refs == null ? List.of() : refs;
    }
}
