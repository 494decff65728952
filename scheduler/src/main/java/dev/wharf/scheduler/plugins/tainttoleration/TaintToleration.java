package dev.wharf.scheduler.plugins.tainttoleration;

import dev.wharf.scheduler.framework.CycleState;
import dev.wharf.scheduler.framework.FilterPlugin;
import dev.wharf.scheduler.framework.ScorePlugin;
import dev.wharf.scheduler.framework.Scores;
import dev.wharf.scheduler.framework.Status;
import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.model.Taint;
import dev.wharf.scheduler.model.Toleration;
import dev.wharf.scheduler.snapshot.NodeInfo;

/**
 * NoSchedule and NoExecute taints the pod does not tolerate rule a node out; untolerated PreferNoSchedule taints
 * lower its score (fewer is better).
 */
public final class TaintToleration implements FilterPlugin, ScorePlugin {
    public static final String NAME = "TaintToleration";

    @Override
    public String name() {
        return NAME;
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
