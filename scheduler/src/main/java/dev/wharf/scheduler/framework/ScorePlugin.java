package dev.wharf.scheduler.framework;

import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.snapshot.NodeInfo;
import java.util.List;

/**
 * Ranks a feasible node. After all nodes are scored, {@link #normalize} maps the raw scores into
 * 0..{@link #MAX_SCORE}; the scheduler then multiplies by the plugin's weight in the profile.
 */
public interface ScorePlugin extends Plugin {
    long MAX_SCORE = 100;

    long score(CycleState state, PodInfo pod, NodeInfo node);

    /**
     * Scores every node into {@code out}. Plugins override it with the same loop so that the call to
     * {@link #score} inside is monomorphic and inlined (the scheduler's own loop over plugins is not).
     */
    default void scoreAll(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = score(state, pod, nodes.get(i));
        }
    }

    /** Raw scores already in 0..100 need nothing; others override (see {@link Scores}). */
    default void normalize(CycleState state, PodInfo pod, long[] scores) {
    }
}
