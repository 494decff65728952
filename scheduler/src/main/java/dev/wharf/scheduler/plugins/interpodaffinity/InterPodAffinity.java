package dev.wharf.scheduler.plugins.interpodaffinity;

import dev.wharf.scheduler.framework.CycleState;
import dev.wharf.scheduler.framework.FilterPlugin;
import dev.wharf.scheduler.framework.PreFilterPlugin;
import dev.wharf.scheduler.framework.PreScorePlugin;
import dev.wharf.scheduler.framework.ScorePlugin;
import dev.wharf.scheduler.framework.Scores;
import dev.wharf.scheduler.framework.StateKey;
import dev.wharf.scheduler.framework.Status;
import dev.wharf.scheduler.model.AffinityTerm;
import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.model.WeightedAffinityTerm;
import dev.wharf.scheduler.snapshot.DomainCounts;
import dev.wharf.scheduler.snapshot.ExistingTerms;
import dev.wharf.scheduler.snapshot.NodeEligibility;
import dev.wharf.scheduler.snapshot.NodeInfo;
import dev.wharf.scheduler.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Pod affinity and anti-affinity over any topology key. Filter: the pod's required affinity terms need a
 * matching pod in the node's domain (or none anywhere when the pod matches its own terms: the first replica),
 * its required anti-affinity terms need none, and no existing pod's required anti-affinity may match it in that
 * domain. Score: preferred terms of the pod, and existing pods' terms that match it, weighted by counts.
 * Everything reads per-domain counts kept by the snapshot: no scan of pods per node.
 */
public final class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
    public static final String NAME = "InterPodAffinity";
    public static final String AFFINITY_REASON = "node(s) didn't match pod affinity rules";
    public static final String ANTI_AFFINITY_REASON = "node(s) didn't match pod anti-affinity rules";
    public static final String EXISTING_ANTI_AFFINITY_REASON =
            "node(s) didn't satisfy existing pods anti-affinity rules";
    /** Weight of an existing pod's required affinity term that matches the incoming pod (upstream default 1). */
    static final int HARD_POD_AFFINITY_WEIGHT = 1;

    private static final Status AFFINITY = Status.unresolvable(AFFINITY_REASON).withPlugin(NAME);
    private static final Status ANTI_AFFINITY = Status.unschedulable(ANTI_AFFINITY_REASON).withPlugin(NAME);
    private static final Status EXISTING_ANTI_AFFINITY =
            Status.unschedulable(EXISTING_ANTI_AFFINITY_REASON).withPlugin(NAME);
    private static final StateKey<FilterState> FILTER = StateKey.of(NAME + "/filter");
    private static final StateKey<ScoreState> SCORE = StateKey.of(NAME + "/score");

    record FilterState(List<DomainCounts> affinity, boolean firstOfItsKind, List<DomainCounts> antiAffinity,
                       List<ExistingTerms> existingAnti) {
    }

    record Weighted(int weight, DomainCounts counts) {
    }

    record ScoreState(List<Weighted> own, List<ExistingTerms> existing) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, PodInfo pod, Snapshot snapshot) {
        List<ExistingTerms> existingAnti = new ArrayList<>();
        for (ExistingTerms e : snapshot.existingTerms(ExistingTerms.Kind.REQUIRED_ANTI_AFFINITY)) {
            if (e.term().matches(pod)) {
                existingAnti.add(e);
            }
        }
        if (existingAnti.isEmpty() && pod.requiredAffinity().isEmpty() && pod.requiredAntiAffinity().isEmpty()) {
            return Status.SKIP;
        }
        List<DomainCounts> affinity = new ArrayList<>();
        boolean noneAnywhere = true;
        boolean matchesOwn = true;
        for (AffinityTerm t : pod.requiredAffinity()) {
            DomainCounts c = snapshot.counts(t.topologyKey(), t.matcher(), NodeEligibility.ALL);
            affinity.add(c);
            noneAnywhere &= c.total() == 0;
            matchesOwn &= t.matches(pod);
        }
        List<DomainCounts> anti = new ArrayList<>();
        for (AffinityTerm t : pod.requiredAntiAffinity()) {
            anti.add(snapshot.counts(t.topologyKey(), t.matcher(), NodeEligibility.ALL));
        }
        state.write(FILTER, new FilterState(affinity, noneAnywhere && matchesOwn, anti, existingAnti));
        return Status.SUCCESS;
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
        FilterState s = state.read(FILTER);
        if (!s.affinity().isEmpty()) {
            boolean podsExist = true;
            for (DomainCounts c : s.affinity()) {
                int d = c.topology().domainOf(node);
                if (d < 0) {
                    return AFFINITY;
                }
                podsExist &= c.count(d) > 0;
            }
            if (!podsExist && !s.firstOfItsKind()) {
                return AFFINITY;
            }
        }
        for (DomainCounts c : s.antiAffinity()) {
            if (c.countFor(node) > 0) {
                return ANTI_AFFINITY;
            }
        }
        for (ExistingTerms e : s.existingAnti()) {
            if (e.countFor(node) > 0) {
                return EXISTING_ANTI_AFFINITY;
            }
        }
        return Status.SUCCESS;
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, Snapshot snapshot, List<NodeInfo> feasible) {
        List<Weighted> own = new ArrayList<>();
        for (WeightedAffinityTerm t : pod.preferredAffinity()) {
            own.add(new Weighted(t.weight(), snapshot.counts(t.term().topologyKey(), t.term().matcher(),
                    NodeEligibility.ALL)));
        }
        for (WeightedAffinityTerm t : pod.preferredAntiAffinity()) {
            own.add(new Weighted(-t.weight(), snapshot.counts(t.term().topologyKey(), t.term().matcher(),
                    NodeEligibility.ALL)));
        }
        List<ExistingTerms> existing = new ArrayList<>();
        for (ExistingTerms.Kind kind : List.of(ExistingTerms.Kind.REQUIRED_AFFINITY,
                ExistingTerms.Kind.PREFERRED_AFFINITY, ExistingTerms.Kind.PREFERRED_ANTI_AFFINITY)) {
            for (ExistingTerms e : snapshot.existingTerms(kind)) {
                if (e.term().matches(pod)) {
                    existing.add(e);
                }
            }
        }
        if (own.isEmpty() && existing.isEmpty()) {
            return Status.SKIP;
        }
        state.write(SCORE, new ScoreState(own, existing));
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
        ScoreState s = state.read(SCORE);
        long sum = 0;
        for (Weighted w : s.own()) {
            sum += (long) w.weight() * w.counts().countFor(node);
        }
        for (ExistingTerms e : s.existing()) {
            long weight = switch (e.kind()) {
                case REQUIRED_AFFINITY -> HARD_POD_AFFINITY_WEIGHT;
                case PREFERRED_AFFINITY -> e.weight();
                case PREFERRED_ANTI_AFFINITY -> -e.weight();
                case REQUIRED_ANTI_AFFINITY -> 0;
            };
            sum += weight * e.countFor(node);
        }
        return sum;
    }

    @Override
    public void normalize(CycleState state, PodInfo pod, long[] scores) {
        Scores.minMaxNormalize(scores);
    }
}
