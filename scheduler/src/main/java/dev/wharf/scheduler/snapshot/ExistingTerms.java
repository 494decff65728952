package dev.wharf.scheduler.snapshot;

import dev.wharf.scheduler.model.AffinityTerm;

/**
 * The existing pods that carry one (anti-)affinity term, counted per domain of the term's topology key. Equal
 * terms of many pods (the replicas of a Deployment) share one entry, so checking the existing pods' anti-affinity
 * against an incoming pod costs one selector match per distinct term, not one per pod.
 */
public final class ExistingTerms {
    /** Which list of a pod's affinity the term comes from. */
    public enum Kind { REQUIRED_AFFINITY, REQUIRED_ANTI_AFFINITY, PREFERRED_AFFINITY, PREFERRED_ANTI_AFFINITY }

    record Key(Kind kind, AffinityTerm term, int weight) {
    }

    private final Key key;
    private final TopologyIndex topology;
    private final int[] counts;
    private long total;

    ExistingTerms(Key key, TopologyIndex topology) {
        this.key = key;
        this.topology = topology;
        this.counts = new int[topology.domainCount()];
    }

    public Kind kind() {
        return key.kind();
    }

    public AffinityTerm term() {
        return key.term();
    }

    /** The weight of a preferred term (1 for required ones). */
    public int weight() {
        return key.weight();
    }

    public TopologyIndex topology() {
        return topology;
    }

    /** Pods carrying this term in the node's domain. */
    public int countFor(NodeInfo node) {
        int d = topology.domainOf(node);
        return d < 0 ? 0 : counts[d];
    }

    long total() {
        return total;
    }

    void update(NodeInfo node, int delta) {
        int d = topology.domainOf(node);
        if (d >= 0) {
            counts[d] += delta;
            total += delta;
        }
    }
}
