package dev.wharf.scheduler.framework;

import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.snapshot.NodeInfo;
import dev.wharf.scheduler.snapshot.Snapshot;
import java.util.List;

/** Runs once per pod before scoring the feasible nodes; {@link Status#SKIP} leaves the scorer out. */
public interface PreScorePlugin extends Plugin {
    Status preScore(CycleState state, PodInfo pod, Snapshot snapshot, List<NodeInfo> feasible);
}
