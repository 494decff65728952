package dev.wharf.scheduler.plugins.nodename;

import dev.wharf.scheduler.framework.CycleState;
import dev.wharf.scheduler.framework.FilterPlugin;
import dev.wharf.scheduler.framework.PreFilterPlugin;
import dev.wharf.scheduler.framework.Status;
import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.snapshot.NodeInfo;
import dev.wharf.scheduler.snapshot.Snapshot;

/** A pod that names its node (spec.nodeName) fits only there. */
public final class NodeName implements PreFilterPlugin, FilterPlugin {
    public static final String NAME = "NodeName";
    public static final String REASON = "node(s) didn't match the requested node name";

    private static final Status MISMATCH = Status.unresolvable(REASON).withPlugin(NAME);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, PodInfo pod, Snapshot snapshot) {
        return pod.nodeName() == null ? Status.SKIP : Status.SUCCESS;
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
        return pod.nodeName() == null || pod.nodeName().equals(node.name()) ? Status.SUCCESS
                : MISMATCH;
    }
}
