package dev.wharf.scheduler;

import dev.wharf.scheduler.framework.CycleState;
import dev.wharf.scheduler.framework.FilterPlugin;
import dev.wharf.scheduler.framework.PreFilterPlugin;
import dev.wharf.scheduler.framework.PreScorePlugin;
import dev.wharf.scheduler.framework.Profile;
import dev.wharf.scheduler.framework.ScorePlugin;
import dev.wharf.scheduler.framework.Status;
import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.snapshot.NodeInfo;
import dev.wharf.scheduler.snapshot.Snapshot;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * kube-scheduler's algorithm as a function of a pod and a {@link Snapshot}: pre-filter, filter nodes from a
 * rotating start index until enough feasible nodes are found (percentageOfNodesToScore), pre-score, score,
 * normalize, weight, and pick the best node (ties broken by the injected random). The decision is returned, not
 * applied: the caller binds and then calls {@link Snapshot#assume}. Deterministic for the same inputs, seed and
 * call sequence. One instance per scheduling loop (not thread-safe: it keeps the rotating start index).
 */
public final class Scheduler {
    private final Profile profile;
    private final SchedulerOptions options;
    private final RandomGenerator random;
    private int nextStartIndex;
    private final Failures failures = new Failures();
    private static final int CHUNK = 64;
    private final NodeInfo[] chunk = new NodeInfo[CHUNK];
    private final Status[] chunkStatuses = new Status[CHUNK];

    public Scheduler(Profile profile, SchedulerOptions options, RandomGenerator random) {
        this.profile = profile;
        this.options = options;
        this.random = random;
    }

    /** The default profile and options. */
    public static Scheduler withDefaults(RandomGenerator random) {
        return new Scheduler(Registry.defaultProfile(), SchedulerOptions.DEFAULTS, random);
    }

    public Decision schedule(Pod pod, Snapshot snapshot) {
        return schedule(PodInfo.of(pod), snapshot);
    }

    public Decision schedule(PodInfo pod, Snapshot snapshot) {
        List<NodeInfo> nodes = snapshot.nodes();
        int n = nodes.size();
        if (n == 0) {
            return Decision.failed(new FitError(pod.key(), 0, Map.of(), null), 0);
        }
        CycleState state = new CycleState();
        List<FilterPlugin> filters = new ArrayList<>(profile.filters());
        Status rejected = preFilter(state, pod, snapshot, filters);
        if (rejected != null) {
            Map<String, Status> all = new HashMap<>();
            for (NodeInfo node : nodes) {
                all.put(node.name(), rejected);
            }
            return Decision.failed(new FitError(pod.key(), n, all, null), 0);
        }
        FilterPlugin[] active = filters.toArray(FilterPlugin[]::new);

        int wanted = options.feasibleNodesToFind(n);
        List<NodeInfo> feasible = new ArrayList<>(Math.min(wanted, n));
        Failures failures = this.failures;
        failures.clear();
        int processed = 0;
        int start = nextStartIndex % n;
        NodeInfo[] chunk = this.chunk;
        Status[] statuses = this.chunkStatuses;
        // Nodes are filtered a chunk at a time, plugin by plugin (monomorphic inner loops); the outcome is the
        // same as node by node: nodes after the one that completes the sample are not counted as processed.
        int scanned = 0;
        outer:
        while (scanned < n) {
            int count = Math.min(CHUNK, n - scanned);
            for (int k = 0; k < count; k++) {
                int i = start + scanned + k;
                chunk[k] = nodes.get(i < n ? i : i - n);
                statuses[k] = null;
            }
            for (FilterPlugin f : active) {
                f.filterAll(state, pod, chunk, count, statuses);
            }
            scanned += count;
            for (int k = 0; k < count; k++) {
                processed++;
                if (statuses[k] == null) {
                    feasible.add(chunk[k]);
                    if (feasible.size() >= wanted) {
                        break outer;
                    }
                } else {
                    failures.add(chunk[k], statuses[k]);
                }
            }
        }
        nextStartIndex = (start + processed) % n;
        if (feasible.isEmpty()) {
            return Decision.failed(new FitError(pod.key(), n, failures.toMap(), null), processed);
        }
        if (feasible.size() == 1) {
            return Decision.placed(pod.key(), feasible.get(0).name(), 0, processed, 1);
        }
        long[] totals = score(state, pod, snapshot, feasible, null);
        return select(pod, feasible, totals, processed);
    }

    /** Failed nodes and their statuses, in plain arrays: a map is built only when the pod fits nowhere. */
    private static final class Failures {
        private NodeInfo[] nodes = new NodeInfo[64];
        private Status[] statuses = new Status[64];
        private int size;

        void add(NodeInfo node, Status status) {
            if (size == nodes.length) {
                nodes = java.util.Arrays.copyOf(nodes, size * 2);
                statuses = java.util.Arrays.copyOf(statuses, size * 2);
            }
            nodes[size] = node;
            statuses[size++] = status;
        }

        void clear() {
            java.util.Arrays.fill(nodes, 0, size, null);
            java.util.Arrays.fill(statuses, 0, size, null);
            size = 0;
        }

        Map<String, Status> toMap() {
            Map<String, Status> out = new HashMap<>(size * 2);
            for (int i = 0; i < size; i++) {
                out.put(nodes[i].name(), statuses[i]);
            }
            return out;
        }
    }

    /** Runs pre-filters; drops the filters of plugins that skip; returns a status rejecting all nodes, or null. */
    private Status preFilter(CycleState state, PodInfo pod, Snapshot snapshot, List<FilterPlugin> filters) {
        for (PreFilterPlugin p : profile.preFilters()) {
            Status s = p.preFilter(state, pod, snapshot);
            if (s.isSkip()) {
                filters.remove(p);
            } else if (!s.isSuccess()) {
                return s.withPlugin(p.name());
            }
        }
        return null;
    }

    private static Status runFilters(FilterPlugin[] filters, CycleState state, PodInfo pod, NodeInfo node) {
        for (FilterPlugin f : filters) {
            Status s = f.filter(state, pod, node);
            if (!s.isSuccess()) {
                return s.withPlugin(f.name());
            }
        }
        return null;
    }

    /** Weighted, normalized scores per feasible node; fills {@code perPlugin} when given (explanations). */
    private long[] score(CycleState state, PodInfo pod, Snapshot snapshot, List<NodeInfo> feasible,
                         Map<String, long[]> perPlugin) {
        long[] totals = new long[feasible.size()];
        List<ScorePlugin> skipped = new ArrayList<>();
        for (PreScorePlugin p : profile.preScores()) {
            if (p.preScore(state, pod, snapshot, feasible).isSkip() && p instanceof ScorePlugin sp) {
                skipped.add(sp);
            }
        }
        long[] scores = new long[feasible.size()];
        for (Profile.WeightedScorer ws : profile.scorers()) {
            ScorePlugin plugin = ws.plugin();
            if (skipped.contains(plugin)) {
                continue;
            }
            plugin.scoreAll(state, pod, feasible, scores);
            plugin.normalize(state, pod, scores);
            for (int i = 0; i < scores.length; i++) {
                totals[i] += scores[i] * ws.weight();
            }
            if (perPlugin != null) {
                long[] weighted = new long[scores.length];
                for (int i = 0; i < scores.length; i++) {
                    weighted[i] = scores[i] * ws.weight();
                }
                perPlugin.put(plugin.name(), weighted);
            }
        }
        return totals;
    }

    /** Highest total wins; among equal totals each is equally likely (reservoir sampling, as upstream). */
    private Decision select(PodInfo pod, List<NodeInfo> feasible, long[] totals, int processed) {
        int best = 0;
        int ties = 1;
        for (int i = 1; i < totals.length; i++) {
            if (totals[i] > totals[best]) {
                best = i;
                ties = 1;
            } else if (totals[i] == totals[best]) {
                ties++;
                if (random.nextInt(ties) == 0) {
                    best = i;
                }
            }
        }
        return Decision.placed(pod.key(), feasible.get(best).name(), totals[best], processed, feasible.size());
    }

    /**
     * When {@code decision} failed, which lower-priority pods to evict and on which node the pod would then fit
     * (kube-scheduler's default preemption, simplified: no PodDisruptionBudgets). Empty when preemption cannot
     * help. The snapshot is left as it was; the caller deletes the victims and retries the pod later.
     */
    public Optional<Preemption> preempt(PodInfo pod, Snapshot snapshot, Decision decision) {
        if (decision.scheduled() || decision.error() == null || snapshot.size() == 0) {
            return Optional.empty();
        }
        return new Preemptor(this).preempt(pod, snapshot, decision.error());
    }

    /** Whether the pod passes every pre-filter and filter on one node of the snapshot as it is now. */
    boolean fits(PodInfo pod, Snapshot snapshot, NodeInfo node) {
        CycleState state = new CycleState();
        List<FilterPlugin> filters = new ArrayList<>(profile.filters());
        if (preFilter(state, pod, snapshot, filters) != null) {
            return false;
        }
        return runFilters(filters.toArray(FilterPlugin[]::new), state, pod, node) == null;
    }

    /**
     * Every node's verdict for a pod, without sampling: filter status, and per-plugin weighted scores for the
     * nodes that fit. Sorted by node name. For {@code wharf describe}; does not move the rotating start index.
     */
    public List<NodeVerdict> explain(PodInfo pod, Snapshot snapshot) {
        CycleState state = new CycleState();
        List<FilterPlugin> filters = new ArrayList<>(profile.filters());
        Status rejected = preFilter(state, pod, snapshot, filters);
        FilterPlugin[] active = filters.toArray(FilterPlugin[]::new);
        List<NodeVerdict> out = new ArrayList<>();
        List<NodeInfo> feasible = new ArrayList<>();
        for (NodeInfo node : snapshot.nodes()) {
            Status s = rejected != null ? rejected : runFilters(active, state, pod, node);
            if (s == null) {
                feasible.add(node);
            } else {
                out.add(new NodeVerdict(node.name(), s, Map.of(), 0));
            }
        }
        if (!feasible.isEmpty()) {
            Map<String, long[]> perPlugin = new LinkedHashMap<>();
            long[] totals = score(state, pod, snapshot, feasible, perPlugin);
            for (int i = 0; i < feasible.size(); i++) {
                Map<String, Long> scores = new LinkedHashMap<>();
                for (Map.Entry<String, long[]> e : perPlugin.entrySet()) {
                    scores.put(e.getKey(), e.getValue()[i]);
                }
                out.add(new NodeVerdict(feasible.get(i).name(), Status.SUCCESS, scores, totals[i]));
            }
        }
        out.sort(java.util.Comparator.comparing(NodeVerdict::node));
        return out;
    }
}
