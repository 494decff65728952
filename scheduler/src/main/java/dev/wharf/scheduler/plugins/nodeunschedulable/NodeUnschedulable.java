package dev.wharf.scheduler.plugins.nodeunschedulable;

import dev.wharf.scheduler.framework.CycleState;
import dev.wharf.scheduler.framework.FilterPlugin;
import dev.wharf.scheduler.framework.PreFilterPlugin;
import dev.wharf.scheduler.framework.Status;
import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.model.Taint;
import dev.wharf.scheduler.model.Toleration;
import dev.wharf.scheduler.snapshot.NodeInfo;
import dev.wharf.scheduler.snapshot.Snapshot;

/** A cordoned node (spec.unschedulable) takes only pods tolerating {@code node.kubernetes.io/unschedulable}. */
public final class NodeUnschedulable implements PreFilterPlugin, FilterPlugin {
    public static final String NAME = "NodeUnschedulable";
    public static final String REASON = "node(s) were unschedulable";

    private static final Status CORDONED = Status.unresolvable(REASON).withPlugin(NAME);

    @Override
    public String name() {
        return NAME;
    }

    /** Nothing to check when no node is cordoned. */
    @Override
    public Status preFilter(CycleState state, PodInfo pod, Snapshot snapshot) {
        return snapshot.anyUnschedulable() ? Status.SUCCESS : Status.SKIP;
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
        if (!node.unschedulable() || Toleration.anyTolerates(pod.tolerations(), Taint.UNSCHEDULABLE)) {
            return Status.SUCCESS;
        }
        return CORDONED;
    }
}
