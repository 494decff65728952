package dev.wharf.scheduler.snapshot;

import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.model.PodMatcher;

/**
 * How many pods matching one {@link PodMatcher} run in each domain of one topology key, counting only nodes
 * accepted by a {@link NodeEligibility}; also which domains have an eligible node. Kept current by
 * {@link Snapshot#assume} so that a filter reads a count in O(1) instead of scanning pods.
 */
public final class DomainCounts {
    private final TopologyIndex topology;
    private final PodMatcher matcher;
    private final NodeEligibility eligibility;
    private final int[] counts;
    private final boolean[] eligibleDomain;
    private final boolean[] eligibleNode;
    private int eligibleDomains;
    private long total;
    private int min = -1;

    DomainCounts(TopologyIndex topology, PodMatcher matcher, NodeEligibility eligibility, Iterable<NodeInfo> nodes,
                 int nodeCount) {
        this.topology = topology;
        this.matcher = matcher;
        this.eligibility = eligibility;
        this.counts = new int[topology.domainCount()];
        this.eligibleDomain = new boolean[topology.domainCount()];
        this.eligibleNode = new boolean[nodeCount];
        for (NodeInfo n : nodes) {
            int d = topology.domainOf(n);
            if (d < 0 || !eligibility.accepts(n)) {
                continue;
            }
            eligibleNode[n.index()] = true;
            if (!eligibleDomain[d]) {
                eligibleDomain[d] = true;
                eligibleDomains++;
            }
            for (var p : n.pods()) {
                if (matcher.matches(p)) {
                    counts[d]++;
                    total++;
                }
            }
        }
    }

    public TopologyIndex topology() {
        return topology;
    }

    /** Matching pods in the node's domain (0 when the node has no domain). */
    public int countFor(NodeInfo node) {
        int d = topology.domainOf(node);
        return d < 0 ? 0 : counts[d];
    }

    public int count(int domain) {
        return counts[domain];
    }

    public long total() {
        return total;
    }

    public int eligibleDomainCount() {
        return eligibleDomains;
    }

    public boolean isEligibleDomain(int domain) {
        return eligibleDomain[domain];
    }

    /** The smallest count over eligible domains (0 when there is none). */
    public int minOverEligibleDomains() {
        if (min < 0) {
            int m = Integer.MAX_VALUE;
            for (int d = 0; d < counts.length; d++) {
                if (eligibleDomain[d] && counts[d] < m) {
                    m = counts[d];
                }
            }
            min = m == Integer.MAX_VALUE ? 0 : m;
        }
        return min;
    }

    void update(PodInfo pod, NodeInfo node, int delta) {
        if (!eligibleNode[node.index()] || !matcher.matches(pod)) {
            return;
        }
        counts[topology.domainOf(node)] += delta;
        total += delta;
        min = -1;
    }

    NodeEligibility eligibility() {
        return eligibility;
    }
}
