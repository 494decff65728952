package dev.wharf.scheduler.plugins.tainttoleration;

import dev.wharf.scheduler.framework.CycleState;
import dev.wharf.scheduler.framework.FilterPlugin;
import dev.wharf.scheduler.framework.PreFilterPlugin;
import dev.wharf.scheduler.framework.PreScorePlugin;
import dev.wharf.scheduler.framework.ScorePlugin;
import dev.wharf.scheduler.framework.Scores;
import dev.wharf.scheduler.framework.Status;
import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.model.Taint;
import dev.wharf.scheduler.model.Toleration;
import dev.wharf.scheduler.snapshot.NodeInfo;
import dev.wharf.scheduler.snapshot.Snapshot;
import java.util.List;

/**
 * NoSchedule and NoExecute taints the pod does not tolerate rule a node out; untolerated PreferNoSchedule taints
 * lower its score (fewer is better).
 */
public final class TaintToleration implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
    public static final String NAME = "TaintToleration";

    @Override
    public String name() {
        return NAME;
    }

    /** Nothing to check when no node has a NoSchedule/NoExecute taint. */
    @Override
    public Status preFilter(CycleState state, PodInfo pod, Snapshot snapshot) {
        return snapshot.anyHardTaint() ? Status.SUCCESS : Status.SKIP;
    }

    /** All nodes score the same when none has a PreferNoSchedule taint. */
    @Override
    public Status preScore(CycleState state, PodInfo pod, Snapshot snapshot, List<NodeInfo> feasible) {
        return snapshot.anyPreferNoScheduleTaint() ? Status.SUCCESS : Status.SKIP;
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
        for (Taint t : node.taints()) {
            if ((t.effect().equals(Taint.NO_SCHEDULE) || t.effect().equals(Taint.NO_EXECUTE))
                    && !Toleration.anyTolerates(pod.tolerations(), t)) {
                return Status.unresolvable("node(s) had untolerated taint {" + t.key() + ": " + t.value() + "}");
            }
        }
        return Status.SUCCESS;
    }

    @Override
    public void scoreAll(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = score(state, pod, nodes.get(i));
        }
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        long count = 0;
        for (Taint t : node.taints()) {
            if (t.effect().equals(Taint.PREFER_NO_SCHEDULE) && !tolerated(pod, t)) {
                count++;
            }
        }
        return count;
    }

    private static boolean tolerated(PodInfo pod, Taint t) {
        for (Toleration tol : pod.tolerations()) {
            if ((tol.effect().isEmpty() || tol.effect().equals(Taint.PREFER_NO_SCHEDULE)) && tol.tolerates(t)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void normalize(CycleState state, PodInfo pod, long[] scores) {
        Scores.defaultNormalize(scores, true);
    }
}
