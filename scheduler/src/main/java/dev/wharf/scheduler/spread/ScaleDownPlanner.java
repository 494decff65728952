package dev.wharf.scheduler.spread;

import dev.wharf.scheduler.model.AffinityTerm;
import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.model.SpreadConstraint;
import dev.wharf.scheduler.model.WeightedAffinityTerm;
import dev.wharf.scheduler.snapshot.DomainCounts;
import dev.wharf.scheduler.snapshot.NodeEligibility;
import dev.wharf.scheduler.snapshot.NodeInfo;
import dev.wharf.scheduler.snapshot.Snapshot;
import dev.wharf.scheduler.snapshot.TopologyIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses which replicas to delete on scale-down so that the spread the scheduler built still holds ("spread
 * that keeps itself": Kubernetes picks victims without looking at topology, kubernetes/kubernetes#115911).
 * Greedy, one victim at a time: remove the candidate whose removal leaves the smallest total skew over the
 * pods' topology spread constraints, then the one in the most crowded domain of their (anti-)affinity topology
 * keys, then the caller's preference (e.g. not-ready first, newest first). Pure: the snapshot is restored.
 */
public final class ScaleDownPlanner {
    private ScaleDownPlanner() {
    }

    /** Keys ({@code namespace/name}) of {@code count} candidates to delete, in the order chosen. */
    public static List<String> victims(List<PodInfo> candidates, int count, Snapshot snapshot,
                                       Comparator<PodInfo> preference) {
        List<PodInfo> remaining = new ArrayList<>();
        for (PodInfo c : candidates) {
            if (snapshot.nodeOf(c.key()) != null) {
                remaining.add(c);
            }
        }
        List<PodInfo> chosen = new ArrayList<>();
        List<NodeInfo> chosenNodes = new ArrayList<>();
        try {
            while (chosen.size() < count && !remaining.isEmpty()) {
                PodInfo best = null;
                long[] bestRank = null;
                for (PodInfo c : remaining) {
                    long[] rank = rank(c, snapshot);
                    if (best == null || compare(rank, bestRank) < 0
                            || (compare(rank, bestRank) == 0 && preference.compare(c, best) < 0)) {
                        best = c;
                        bestRank = rank;
                    }
                }
                chosenNodes.add(snapshot.nodeOf(best.key()));
                snapshot.remove(best.key());
                remaining.remove(best);
                chosen.add(best);
            }
        } finally {
            for (int i = 0; i < chosen.size(); i++) {
                snapshot.assume(chosen.get(i), chosenNodes.get(i).name());
            }
        }
        return chosen.stream().map(PodInfo::key).toList();
    }

    /** Smaller is a better victim: [skew after removal, minus crowding of its domains]. */
    private static long[] rank(PodInfo pod, Snapshot snapshot) {
        NodeInfo node = snapshot.nodeOf(pod.key());
        long skew = 0;
        for (SpreadConstraint c : pod.spreadConstraints()) {
            DomainCounts counts = snapshot.counts(c.topologyKey(), c.matcher(),
                    new NodeEligibility(java.util.Set.of(c.topologyKey()), null, null));
            skew += skewAfterRemoval(counts, counts.topology().domainOf(node), c.matcher().matches(pod));
        }
        long crowding = 0;
        List<AffinityTerm> terms = new ArrayList<>(pod.requiredAntiAffinity());
        for (WeightedAffinityTerm w : pod.preferredAntiAffinity()) {
            terms.add(w.term());
        }
        for (AffinityTerm t : terms) {
            crowding += snapshot.counts(t.topologyKey(), t.matcher(), NodeEligibility.ALL).countFor(node);
        }
        if (pod.spreadConstraints().isEmpty() && terms.isEmpty()) {
            // No stated topology: keep replicas on distinct nodes and zones as long as possible.
            crowding += node.podCount();
        }
        return new long[] {skew, -crowding};
    }

    private static long skewAfterRemoval(DomainCounts counts, int domain, boolean self) {
        TopologyIndex topo = counts.topology();
        int max = Integer.MIN_VALUE;
        int min = Integer.MAX_VALUE;
        for (int d = 0; d < topo.domainCount(); d++) {
            if (!counts.isEligibleDomain(d)) {
                continue;
            }
            int v = counts.count(d) - (d == domain && self ? 1 : 0);
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        return max == Integer.MIN_VALUE ? 0 : max - min;
    }

    private static int compare(long[] a, long[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = Long.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
