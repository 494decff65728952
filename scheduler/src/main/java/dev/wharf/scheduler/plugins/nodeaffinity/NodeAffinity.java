package dev.wharf.scheduler.plugins.nodeaffinity;

import dev.wharf.scheduler.framework.CycleState;
import dev.wharf.scheduler.framework.FilterPlugin;
import dev.wharf.scheduler.framework.PreFilterPlugin;
import dev.wharf.scheduler.framework.PreScorePlugin;
import dev.wharf.scheduler.framework.ScorePlugin;
import dev.wharf.scheduler.framework.Scores;
import dev.wharf.scheduler.framework.Status;
import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.model.WeightedNodeTerm;
import dev.wharf.scheduler.snapshot.NodeInfo;
import dev.wharf.scheduler.snapshot.Snapshot;
import java.util.List;

/**
 * nodeSelector and required node affinity filter nodes (operators In, NotIn, Exists, DoesNotExist, Gt, Lt and
 * matchFields on metadata.name); preferred terms score the sum of the weights of the terms a node matches.
 */
public final class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
    public static final String NAME = "NodeAffinity";
    public static final String REASON = "node(s) didn't match Pod's node affinity/selector";

    private static final Status MISMATCH = Status.unresolvable(REASON).withPlugin(NAME);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, PodInfo pod, Snapshot snapshot) {
        return pod.nodeConstraint().isNone() ? Status.SKIP : Status.SUCCESS;
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
        return pod.nodeConstraint().matches(node.labels(), node.name()) ? Status.SUCCESS : MISMATCH;
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, Snapshot snapshot, List<NodeInfo> feasible) {
        return pod.preferredNodeTerms().isEmpty() ? Status.SKIP : Status.SUCCESS;
    }

    @Override
    public void scoreAll(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = score(state, pod, nodes.get(i));
        }
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        long sum = 0;
        for (WeightedNodeTerm t : pod.preferredNodeTerms()) {
            if (t.term().matches(node.labels(), node.name())) {
                sum += t.weight();
            }
        }
        return sum;
    }

    @Override
    public void normalize(CycleState state, PodInfo pod, long[] scores) {
        Scores.defaultNormalize(scores, false);
    }
}
