package dev.wharf.scheduler.plugins.imagelocality;

import dev.wharf.scheduler.framework.CycleState;
import dev.wharf.scheduler.framework.PreScorePlugin;
import dev.wharf.scheduler.framework.ScorePlugin;
import dev.wharf.scheduler.framework.StateKey;
import dev.wharf.scheduler.framework.Status;
import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.snapshot.ImageNames;
import dev.wharf.scheduler.snapshot.NodeInfo;
import dev.wharf.scheduler.snapshot.Snapshot;
import java.util.List;

/**
 * Favors nodes that already hold the pod's images, as upstream: the sizes of present images, each scaled by the
 * fraction of nodes that have it (so a popular image does not pull every pod to the same nodes), clamped to
 * [23 MB, 1000 MB x containers] and mapped onto 0..100.
 */
public final class ImageLocality implements PreScorePlugin, ScorePlugin {
    public static final String NAME = "ImageLocality";
    static final long MIN_THRESHOLD = 23L * 1024 * 1024;
    static final long MAX_CONTAINER_THRESHOLD = 1000L * 1024 * 1024;

    private static final StateKey<Images> STATE = StateKey.of(NAME);

    record Images(List<String> names, double[] spread, long maxThreshold) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, Snapshot snapshot, List<NodeInfo> feasible) {
        if (pod.images().isEmpty() || !snapshot.anyImages()) {
            return Status.SKIP;
        }
        List<String> names = pod.images().stream().map(ImageNames::normalize).toList();
        double[] spread = new double[names.size()];
        for (int i = 0; i < spread.length; i++) {
            spread[i] = (double) snapshot.nodesWithImage(names.get(i)) / snapshot.size();
        }
        state.write(STATE, new Images(names, spread, MAX_CONTAINER_THRESHOLD * names.size()));
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
        Images images = state.read(STATE);
        double sum = 0;
        for (int i = 0; i < images.names().size(); i++) {
            Long size = node.images().get(images.names().get(i));
            if (size != null) {
                sum += size * images.spread()[i];
            }
        }
        long clamped = (long) Math.min(Math.max(sum, MIN_THRESHOLD), images.maxThreshold());
        return MAX_SCORE * (clamped - MIN_THRESHOLD) / (images.maxThreshold() - MIN_THRESHOLD);
    }
}
