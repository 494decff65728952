package dev.wharf.scheduler.plugins.noderesources;

import dev.wharf.scheduler.framework.CycleState;
import dev.wharf.scheduler.framework.ScorePlugin;
import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.snapshot.NodeInfo;
import java.util.List;

/**
 * Favors nodes whose cpu and memory would be used in equal fractions after placing the pod: score =
 * (1 - standard deviation of the fractions) * 100, as upstream's NodeResourcesBalancedAllocation.
 */
public final class BalancedAllocation implements ScorePlugin {
    public static final String NAME = "NodeResourcesBalancedAllocation";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void scoreAll(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = score(state, pod, nodes.get(i));
        }
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        double cpu = fraction(node.nonZeroRequestedMilliCpu() + pod.nonZeroRequests().milliCpu(),
                node.allocatableMilliCpu());
        double mem = fraction(node.nonZeroRequestedMemory() + pod.nonZeroRequests().memory(),
                node.allocatableMemory());
        double std = Math.abs(cpu - mem) / 2;
        return (long) ((1 - std) * MAX_SCORE);
    }

    private static double fraction(long requested, long capacity) {
        if (capacity == 0) {
            return 1;
        }
        return Math.min(1.0, (double) requested / capacity);
    }
}
