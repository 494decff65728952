package dev.wharf.scheduler.model;

import java.util.Set;

/**
 * Which pods a term counts: a label selector over pods in some namespaces. Namespace selectors are simplified:
 * an empty namespaceSelector means all namespaces, otherwise the explicit namespaces, or the pod's own.
 */
public record PodMatcher(Set<String> namespaces, boolean allNamespaces, Selector selector) {
    public PodMatcher {
        namespaces = Set.copyOf(namespaces);
    }

    public boolean matches(PodInfo pod) {
        return (allNamespaces || namespaces.contains(pod.namespace())) && selector.matches(pod.labels());
    }
}
