package dev.wharf.scheduler.plugins.noderesources;

import dev.wharf.scheduler.framework.CycleState;
import dev.wharf.scheduler.framework.FilterPlugin;
import dev.wharf.scheduler.framework.ScorePlugin;
import dev.wharf.scheduler.framework.Status;
import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.model.Resources;
import dev.wharf.scheduler.snapshot.NodeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Filters nodes without room for the pod's requests ({@code Insufficient cpu}, {@code Too many pods}) and scores
 * by a strategy: LeastAllocated (spread load, the default) or MostAllocated (pack), over cpu and memory with the
 * pod's non-zero requests added, as upstream.
 */
public final class NodeResourcesFit implements FilterPlugin, ScorePlugin {
    public static final String NAME = "NodeResourcesFit";

    public enum Strategy { LEAST_ALLOCATED, MOST_ALLOCATED }

    private static final Status TOO_MANY_PODS = Status.unschedulable("Too many pods").withPlugin(NAME);
    private static final Status INSUFFICIENT_CPU = Status.unschedulable("Insufficient cpu").withPlugin(NAME);
    private static final Status INSUFFICIENT_MEMORY = Status.unschedulable("Insufficient memory").withPlugin(NAME);
    private static final Status INSUFFICIENT_EPHEMERAL =
            Status.unschedulable("Insufficient ephemeral-storage").withPlugin(NAME);

    private final Strategy strategy;

    public NodeResourcesFit() {
        this(Strategy.LEAST_ALLOCATED);
    }

    public NodeResourcesFit(Strategy strategy) {
        this.strategy = strategy;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void filterAll(CycleState state, PodInfo pod, NodeInfo[] nodes, int count, Status[] statuses) {
        for (int i = 0; i < count; i++) {
            if (statuses[i] == null) {
                Status s = filter(state, pod, nodes[i]);
                if (!s.isSuccess()) {
                    statuses[i] = s.withPlugin(NAME);
                }
            }
        }
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        Resources req = pod.requests();
        boolean pods = node.podCount() + 1 > node.allowedPods();
        boolean cpu = req.milliCpu() > 0 && req.milliCpu() > node.allocatableMilliCpu() - node.requestedMilliCpu();
        boolean mem = req.memory() > 0 && req.memory() > node.allocatableMemory() - node.requestedMemory();
        boolean eph = req.ephemeralStorage() > 0
                && req.ephemeralStorage() > node.allocatableEphemeralStorage() - node.requestedEphemeralStorage();
        if (!pods && !cpu && !mem && !eph && req.scalars().isEmpty()) {
            return Status.SUCCESS;
        }
        if (req.scalars().isEmpty() && (pods ? 1 : 0) + (cpu ? 1 : 0) + (mem ? 1 : 0) + (eph ? 1 : 0) == 1) {
            return pods ? TOO_MANY_PODS : cpu ? INSUFFICIENT_CPU : mem ? INSUFFICIENT_MEMORY : INSUFFICIENT_EPHEMERAL;
        }
        Resources alloc = node.allocatable();
        Resources used = node.requested();
        List<String> reasons = null;
        if (pods) {
            reasons = add(reasons, "Too many pods");
        }
        if (cpu) {
            reasons = add(reasons, "Insufficient cpu");
        }
        if (mem) {
            reasons = add(reasons, "Insufficient memory");
        }
        if (eph) {
            reasons = add(reasons, "Insufficient ephemeral-storage");
        }
        if (!req.scalars().isEmpty()) {
            for (Map.Entry<String, Long> e : req.scalars().entrySet()) {
                long free = alloc.scalars().getOrDefault(e.getKey(), 0L) - used.scalars().getOrDefault(e.getKey(), 0L);
                if (e.getValue() > 0 && e.getValue() > free) {
                    reasons = add(reasons, "Insufficient " + e.getKey());
                }
            }
        }
        return reasons == null ? Status.SUCCESS : Status.unschedulable(reasons.toArray(String[]::new));
    }

    private static List<String> add(List<String> reasons, String reason) {
        List<String> out = reasons == null ? new ArrayList<>(2) : reasons;
        out.add(reason);
        return out;
    }

    @Override
    public void scoreAll(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = score(state, pod, nodes.get(i));
        }
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        long cpu = resourceScore(node.nonZeroRequestedMilliCpu() + pod.nonZeroRequests().milliCpu(),
                node.allocatableMilliCpu());
        long mem = resourceScore(node.nonZeroRequestedMemory() + pod.nonZeroRequests().memory(),
                node.allocatableMemory());
        return (cpu + mem) / 2;
    }

    private long resourceScore(long requested, long capacity) {
        if (capacity == 0 || requested > capacity) {
            return 0;
        }
        return strategy == Strategy.LEAST_ALLOCATED ? (capacity - requested) * MAX_SCORE / capacity
                : requested * MAX_SCORE / capacity;
    }
}
