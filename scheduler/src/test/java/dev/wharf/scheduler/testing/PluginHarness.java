package dev.wharf.scheduler.testing;

import dev.wharf.scheduler.framework.CycleState;
import dev.wharf.scheduler.framework.FilterPlugin;
import dev.wharf.scheduler.framework.PreFilterPlugin;
import dev.wharf.scheduler.framework.PreScorePlugin;
import dev.wharf.scheduler.framework.ScorePlugin;
import dev.wharf.scheduler.framework.Status;
import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.snapshot.NodeInfo;
import dev.wharf.scheduler.snapshot.Snapshot;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs one plugin the way the scheduler does, over every node of a snapshot (tests only). */
public final class PluginHarness {
    private PluginHarness() {
    }

    public static Snapshot snapshot(List<Node> nodes, Pod... pods) {
        return Snapshot.of(nodes, List.of(pods));
    }

    /** Filter status per node name; a pre-filter SKIP means every node passes. */
    public static Map<String, Status> filter(FilterPlugin plugin, Pod pod, Snapshot snapshot) {
        PodInfo info = PodInfo.of(pod);
        CycleState state = new CycleState();
        Map<String, Status> out = new LinkedHashMap<>();
        if (plugin instanceof PreFilterPlugin pre) {
            Status s = pre.preFilter(state, info, snapshot);
            if (s.isSkip()) {
                snapshot.nodes().forEach(n -> out.put(n.name(), Status.SUCCESS));
                return out;
            }
            if (!s.isSuccess()) {
                snapshot.nodes().forEach(n -> out.put(n.name(), s));
                return out;
            }
        }
        for (NodeInfo n : snapshot.nodes()) {
            out.put(n.name(), plugin.filter(state, info, n));
        }
        return out;
    }

    /** Reasons per failing node; passing nodes map to "ok". */
    public static Map<String, String> verdicts(FilterPlugin plugin, Pod pod, Snapshot snapshot) {
        Map<String, String> out = new LinkedHashMap<>();
        filter(plugin, pod, snapshot).forEach((n, s) -> out.put(n, s.isSuccess() ? "ok" : s.message()));
        return out;
    }

    /** Normalized (unweighted) scores per node name; a pre-score SKIP gives 0 everywhere. */
    public static Map<String, Long> score(ScorePlugin plugin, Pod pod, Snapshot snapshot) {
        PodInfo info = PodInfo.of(pod);
        CycleState state = new CycleState();
        List<NodeInfo> nodes = snapshot.nodes();
        Map<String, Long> out = new LinkedHashMap<>();
        if (plugin instanceof PreScorePlugin pre && pre.preScore(state, info, snapshot, nodes).isSkip()) {
            nodes.forEach(n -> out.put(n.name(), 0L));
            return out;
        }
        long[] scores = new long[nodes.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = plugin.score(state, info, nodes.get(i));
        }
        plugin.normalize(state, info, scores);
        for (int i = 0; i < scores.length; i++) {
            out.put(nodes.get(i).name(), scores[i]);
        }
        return out;
    }
}
