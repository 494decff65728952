package dev.wharf.scheduler.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The domains of one topology key: each node's domain id (or -1 when the node lacks the label) and the domain
 * names. Computed once per key per snapshot; ids make per-domain counts plain int arrays.
 */
public final class TopologyIndex {
    private final String key;
    private final int[] domainOfNode;
    private final List<String> domains;

    TopologyIndex(String key, List<NodeInfo> nodes) {
        this.key = key;
        this.domainOfNode = new int[nodes.size()];
        Map<String, Integer> ids = new HashMap<>();
        List<String> names = new ArrayList<>();
        Arrays.fill(domainOfNode, -1);
        for (NodeInfo n : nodes) {
            String v = n.labels().get(key);
            if (v != null) {
                domainOfNode[n.index()] = ids.computeIfAbsent(v, x -> {
                    names.add(x);
                    return names.size() - 1;
                });
            }
        }
        this.domains = List.copyOf(names);
    }

    public String key() {
        return key;
    }

    /** The domain id of a node, or -1 when it has no such label. */
    public int domainOf(NodeInfo node) {
        return domainOfNode[node.index()];
    }

    public int domainOf(int nodeIndex) {
        return domainOfNode[nodeIndex];
    }

    public int domainCount() {
        return domains.size();
    }

    public String domainName(int id) {
        return domains.get(id);
    }
}
