package dev.wharf.scheduler.model;

import java.util.Objects;
import java.util.Set;

/**
 * Which pods a term counts: a label selector over pods in some namespaces. Namespace selectors are simplified:
 * an empty namespaceSelector means all namespaces, otherwise the explicit namespaces, or the pod's own.
 * A value (equals/hashCode) used as a cache key on every assume, so the hash is computed once.
 */
public final class PodMatcher {
    private final Set<String> namespaces;
    private final boolean allNamespaces;
    private final Selector selector;
    private final int hash;

    public PodMatcher(Set<String> namespaces, boolean allNamespaces, Selector selector) {
        this.namespaces = Set.copyOf(namespaces);
        this.allNamespaces = allNamespaces;
        this.selector = selector;
        this.hash = Objects.hash(this.namespaces, allNamespaces, selector);
    }

    public Set<String> namespaces() {
        return namespaces;
    }

    public boolean allNamespaces() {
        return allNamespaces;
    }

    public Selector selector() {
        return selector;
    }

    public boolean matches(PodInfo pod) {
        return (allNamespaces || namespaces.contains(pod.namespace())) && selector.matches(pod.labels());
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof PodMatcher m && hash == m.hash && allNamespaces == m.allNamespaces
                && namespaces.equals(m.namespaces) && selector.equals(m.selector);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "PodMatcher[namespaces=" + (allNamespaces ? "*" : namespaces) + ", selector=" + selector + "]";
    }
}
