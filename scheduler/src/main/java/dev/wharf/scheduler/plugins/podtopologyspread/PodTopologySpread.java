package dev.wharf.scheduler.plugins.podtopologyspread;

import dev.wharf.scheduler.framework.CycleState;
import dev.wharf.scheduler.framework.FilterPlugin;
import dev.wharf.scheduler.framework.PreFilterPlugin;
import dev.wharf.scheduler.framework.PreScorePlugin;
import dev.wharf.scheduler.framework.ScorePlugin;
import dev.wharf.scheduler.framework.StateKey;
import dev.wharf.scheduler.framework.Status;
import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.model.SpreadConstraint;
import dev.wharf.scheduler.snapshot.DomainCounts;
import dev.wharf.scheduler.snapshot.NodeEligibility;
import dev.wharf.scheduler.snapshot.NodeInfo;
import dev.wharf.scheduler.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * topologySpreadConstraints. Filter (DoNotSchedule): placing the pod in the node's domain must keep
 * {@code count + self - min(eligible domains) <= maxSkew}, with min taken as 0 while fewer than minDomains
 * domains exist. Score (ScheduleAnyway): fewer matching pods in the node's domains is better, each constraint
 * weighted by log(domains + 2), as upstream. Counts come from the snapshot's per-domain index.
 */
public final class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
    public static final String NAME = "PodTopologySpread";
    public static final String REASON = "node(s) didn't match pod topology spread constraints";
    public static final String MISSING_LABEL_REASON = REASON + " (missing required label)";

    private static final Status SKEW = Status.unschedulable(REASON).withPlugin(NAME);
    private static final Status MISSING_LABEL = Status.unresolvable(MISSING_LABEL_REASON).withPlugin(NAME);
    private static final StateKey<List<Hard>> FILTER = StateKey.of(NAME + "/filter");
    private static final StateKey<List<Soft>> SCORE = StateKey.of(NAME + "/score");

    record Hard(SpreadConstraint constraint, DomainCounts counts, int self, int min) {
    }

    record Soft(SpreadConstraint constraint, DomainCounts counts, double weight) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, PodInfo pod, Snapshot snapshot) {
        List<SpreadConstraint> hard = pod.spreadConstraints().stream().filter(SpreadConstraint::hard).toList();
        if (hard.isEmpty()) {
            return Status.SKIP;
        }
        List<Hard> out = new ArrayList<>(hard.size());
        for (SpreadConstraint c : hard) {
            DomainCounts counts = snapshot.counts(c.topologyKey(), c.matcher(), eligibility(pod, c, hard));
            int min = counts.eligibleDomainCount() < c.minDomains() ? 0 : counts.minOverEligibleDomains();
            out.add(new Hard(c, counts, c.matcher().matches(pod) ? 1 : 0, min));
        }
        state.write(FILTER, out);
        return Status.SUCCESS;
    }

    /** Nodes counted for a constraint: they carry every key of the group, and honor the node policies. */
    static NodeEligibility eligibility(PodInfo pod, SpreadConstraint c, List<SpreadConstraint> group) {
        Set<String> keys = new HashSet<>();
        for (SpreadConstraint g : group) {
            keys.add(g.topologyKey());
        }
        return new NodeEligibility(keys,
                c.honorNodeAffinity() && !pod.nodeConstraint().isNone() ? pod.nodeConstraint() : null,
                c.honorTaints() ? pod.tolerations() : null);
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
        List<Hard> hard = state.read(FILTER);
        for (int i = 0; i < hard.size(); i++) {
            Hard h = hard.get(i);
            int d = h.counts().topology().domainOf(node);
            if (d < 0) {
                return MISSING_LABEL;
            }
            int skew = h.counts().count(d) + h.self() - h.min();
            if (skew > h.constraint().maxSkew()) {
                return SKEW;
            }
        }
        return Status.SUCCESS;
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, Snapshot snapshot, List<NodeInfo> feasible) {
        List<SpreadConstraint> soft = pod.spreadConstraints().stream().filter(c -> !c.hard()).toList();
        if (soft.isEmpty()) {
            return Status.SKIP;
        }
        List<Soft> out = new ArrayList<>(soft.size());
        for (SpreadConstraint c : soft) {
            DomainCounts counts = snapshot.counts(c.topologyKey(), c.matcher(), eligibility(pod, c, soft));
            Set<Integer> domains = new HashSet<>();
            for (NodeInfo n : feasible) {
                int d = counts.topology().domainOf(n);
                if (d >= 0) {
                    domains.add(d);
                }
            }
            out.add(new Soft(c, counts, Math.log(domains.size() + 2)));
        }
        state.write(SCORE, out);
        return Status.SUCCESS;
    }

    @Override
    public void scoreAll(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = score(state, pod, nodes.get(i));
        }
    }

    /** Raw score: weighted matching pods in the node's domains; -1 marks a node missing a key (scored 0). */
    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        double sum = 0;
        for (Soft s : state.read(SCORE)) {
            int d = s.counts().topology().domainOf(node);
            if (d < 0) {
                return -1;
            }
            sum += s.weight() * (s.counts().count(d) + s.constraint().maxSkew() - 1);
        }
        return Math.round(sum);
    }

    @Override
    public void normalize(CycleState state, PodInfo pod, long[] scores) {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (long s : scores) {
            if (s >= 0) {
                min = Math.min(min, s);
                max = Math.max(max, s);
            }
        }
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] < 0) {
                scores[i] = 0;
            } else if (max == 0) {
                scores[i] = MAX_SCORE;
            } else {
                scores[i] = MAX_SCORE * (max + min - scores[i]) / max;
            }
        }
    }
}
