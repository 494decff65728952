package dev.wharf.scheduler;

import dev.wharf.scheduler.framework.Status;
import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.snapshot.NodeInfo;
import dev.wharf.scheduler.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Default preemption (kube-scheduler's PostFilter), simplified: on each node that failed with a resolvable
 * status, remove every pod of lower priority; if the pod then fits, add them back most important first while it
 * still fits; the rest are the victims. The chosen node has the lowest highest-victim priority, then the lowest
 * sum of victim priorities, then the fewest victims, then the first name. The snapshot is restored.
 */
final class Preemptor {
    private final Scheduler scheduler;

    Preemptor(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    private record Candidate(NodeInfo node, List<PodInfo> victims) {
        long highest() {
            return victims.stream().mapToLong(PodInfo::priority).max().orElse(Long.MIN_VALUE);
        }

        long sum() {
            return victims.stream().mapToLong(PodInfo::priority).sum();
        }
    }

    Optional<Preemption> preempt(PodInfo pod, Snapshot snapshot, FitError error) {
        Map<String, Status> statuses = new TreeMap<>(error.nodeStatuses());
        List<Candidate> candidates = new ArrayList<>();
        for (Map.Entry<String, Status> e : statuses.entrySet()) {
            if (e.getValue().code() != Status.Code.UNSCHEDULABLE) {
                continue;
            }
            NodeInfo node = snapshot.node(e.getKey());
            List<PodInfo> lower = new ArrayList<>();
            for (PodInfo p : node.pods()) {
                if (p.priority() < pod.priority()) {
                    lower.add(p);
                }
            }
            if (!lower.isEmpty()) {
                candidate(pod, snapshot, node, lower).ifPresent(candidates::add);
            }
        }
        return candidates.stream()
                .min(Comparator.comparingLong(Candidate::highest).thenComparingLong(Candidate::sum)
                        .thenComparingInt(c -> c.victims().size()).thenComparing(c -> c.node().name()))
                .map(c -> new Preemption(c.node().name(), c.victims().stream().map(PodInfo::key).toList()));
    }

    private Optional<Candidate> candidate(PodInfo pod, Snapshot snapshot, NodeInfo node, List<PodInfo> lower) {
        for (PodInfo p : lower) {
            snapshot.remove(p.key());
        }
        List<PodInfo> victims = new ArrayList<>();
        try {
            if (!scheduler.fits(pod, snapshot, node)) {
                victims.addAll(lower);
                return Optional.empty();
            }
            List<PodInfo> byImportance = new ArrayList<>(lower);
            byImportance.sort(Comparator.comparingInt(PodInfo::priority).reversed().thenComparing(PodInfo::key));
            for (PodInfo p : byImportance) {
                snapshot.assume(p, node.name());
                if (!scheduler.fits(pod, snapshot, node)) {
                    snapshot.remove(p.key());
                    victims.add(p);
                }
            }
            return Optional.of(new Candidate(node, List.copyOf(victims)));
        } finally {
            for (PodInfo p : victims) {
                snapshot.assume(p, node.name());
            }
        }
    }
}
