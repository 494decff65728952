package dev.wharf.scheduler.model;

import java.util.List;
import java.util.Map;

/**
 * What a pod requires of a node's labels: its nodeSelector AND (one of) its required node affinity terms.
 * {@code terms == null} means no required node affinity. A value, so that equal constraints share caches.
 */
public record NodeConstraint(Map<String, String> nodeSelector, List<NodeSelectorTerm> terms) {
    public static final NodeConstraint NONE = new NodeConstraint(Map.of(), null);

    public NodeConstraint {
        nodeSelector = Map.copyOf(nodeSelector);
        terms = terms == null ? null : List.copyOf(terms);
    }

    public boolean isNone() {
        return nodeSelector.isEmpty() && terms == null;
    }

    public boolean matches(Map<String, String> nodeLabels, String nodeName) {
        for (Map.Entry<String, String> e : nodeSelector.entrySet()) {
            if (!e.getValue().equals(nodeLabels.get(e.getKey()))) {
                return false;
            }
        }
        if (terms == null) {
            return true;
        }
        for (NodeSelectorTerm t : terms) {
            if (t.matches(nodeLabels, nodeName)) {
                return true;
            }
        }
        return false;
    }
}
