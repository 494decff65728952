package dev.wharf.scheduler.framework;

import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.snapshot.NodeInfo;

/** Says whether a pod may run on a node, and if not, why (Fenzo's ConstraintEvaluator, kube's FilterPlugin). */
public interface FilterPlugin extends Plugin {
    Status filter(CycleState state, PodInfo pod, NodeInfo node);
}
