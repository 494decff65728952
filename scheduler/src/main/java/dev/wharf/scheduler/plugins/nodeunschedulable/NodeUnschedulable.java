package dev.wharf.scheduler.plugins.nodeunschedulable;

import dev.wharf.scheduler.framework.CycleState;
import dev.wharf.scheduler.framework.FilterPlugin;
import dev.wharf.scheduler.framework.Status;
import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.model.Taint;
import dev.wharf.scheduler.model.Toleration;
import dev.wharf.scheduler.snapshot.NodeInfo;

/** A cordoned node (spec.unschedulable) takes only pods tolerating {@code node.kubernetes.io/unschedulable}. */
public final class NodeUnschedulable implements FilterPlugin {
    public static final String NAME = "NodeUnschedulable";
    public static final String REASON = "node(s) were unschedulable";

    private static final Status CORDONED = Status.unresolvable(REASON).withPlugin(NAME);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        if (!node.unschedulable() || Toleration.anyTolerates(pod.tolerations(), Taint.UNSCHEDULABLE)) {
            return Status.SUCCESS;
        }
        return CORDONED;
    }
}
