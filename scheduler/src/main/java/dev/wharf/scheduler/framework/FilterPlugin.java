package dev.wharf.scheduler.framework;

import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.snapshot.NodeInfo;

/** Says whether a pod may run on a node, and if not, why (Fenzo's ConstraintEvaluator, kube's FilterPlugin). */
public interface FilterPlugin extends Plugin {
    Status filter(CycleState state, PodInfo pod, NodeInfo node);

    /**
     * Filters {@code nodes[0..count)} whose status is still null, storing failures (with the plugin name) in
     * {@code statuses}. Plugins override it with the same loop so that the call to {@link #filter} inside is
     * monomorphic and inlined; the result is exactly that of calling {@link #filter} node by node.
     */
    default void filterAll(CycleState state, PodInfo pod, NodeInfo[] nodes, int count, Status[] statuses) {
        for (int i = 0; i < count; i++) {
            if (statuses[i] == null) {
                Status s = filter(state, pod, nodes[i]);
                if (!s.isSuccess()) {
                    statuses[i] = s.withPlugin(name());
                }
            }
        }
    }
}
