package dev.wharf.scheduler.framework;

import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.snapshot.Snapshot;

/**
 * Runs once per pod before any filter: computes what the filter reads (into {@link CycleState}), returns
 * {@link Status#SKIP} when the pod gives the plugin nothing to check, or a failure that rejects every node.
 */
public interface PreFilterPlugin extends Plugin {
    Status preFilter(CycleState state, PodInfo pod, Snapshot snapshot);
}
