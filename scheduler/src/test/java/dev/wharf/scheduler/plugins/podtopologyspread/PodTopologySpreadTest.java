package dev.wharf.scheduler.plugins.podtopologyspread;

import static dev.wharf.scheduler.testing.PluginHarness.score;
import static dev.wharf.scheduler.testing.PluginHarness.snapshot;
import static dev.wharf.scheduler.testing.PluginHarness.verdicts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.scheduler.testing.MakeNode;
import dev.wharf.scheduler.testing.MakePod;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodTopologySpreadTest {
    private static final String ZONE = MakeNode.ZONE;
    private final PodTopologySpread plugin = new PodTopologySpread();
    private final List<Node> nodes = List.of(
            MakeNode.node().name("a1").zone("a").obj(), MakeNode.node().name("a2").zone("a").obj(),
            MakeNode.node().name("b1").zone("b").labels("ssd", "yes").obj(),
            MakeNode.node().name("c1").zone("c").labels("ssd", "yes").obj(), MakeNode.node().name("nozone").obj());

    private static MakePod web(String name) {
        return MakePod.pod().name(name).labels("app", "web");
    }

    @Test
    void maxSkewOneSendsTheNextReplicaToTheEmptiestZones() {
        var s = snapshot(nodes, web("w0").node("a1").obj(), web("w1").node("b1").obj());
        var pod = web("w2").spread(1, ZONE, "DoNotSchedule", "app", "web").obj();
        assertThat(verdicts(plugin, pod, s)).containsEntry("a1", PodTopologySpread.REASON)
                .containsEntry("a2", PodTopologySpread.REASON).containsEntry("b1", PodTopologySpread.REASON)
                .containsEntry("c1", "ok").containsEntry("nozone", PodTopologySpread.MISSING_LABEL_REASON);
    }

    @Test
    void podsNotMatchingTheSelectorDoNotCount() {
        var s = snapshot(nodes, MakePod.pod().name("x").labels("app", "other").node("a1").obj());
        var pod = web("w0").spread(1, ZONE, "DoNotSchedule", "app", "web").obj();
        assertThat(verdicts(plugin, pod, s)).containsEntry("a1", "ok").containsEntry("c1", "ok");
    }

    @Test
    void minDomainsTreatsTheGlobalMinimumAsZeroUntilEnoughDomainsExist() {
        var s = snapshot(nodes, web("w0").node("a1").obj(), web("w1").node("b1").obj(), web("w2").node("c1").obj());
        TopologySpreadConstraint c = constraint(1, "DoNotSchedule");
        c.setMinDomains(4);
        assertThat(verdicts(plugin, web("w3").spread(c).obj(), s)).containsEntry("a1", PodTopologySpread.REASON)
                .containsEntry("c1", PodTopologySpread.REASON);
        TopologySpreadConstraint three = constraint(1, "DoNotSchedule");
        three.setMinDomains(3);
        assertThat(verdicts(plugin, web("w3").spread(three).obj(), s)).containsEntry("a1", "ok");
    }

    @Test
    void nodeAffinityPolicyHonorLeavesIneligibleDomainsOut() {
        // zone a (no ssd nodes) is empty, but the pod may only go to ssd nodes: b and c are the domains
        var s = snapshot(nodes, web("w0").node("b1").obj());
        var honor = web("w1").nodeSelector("ssd", "yes").spread(constraint(1, "DoNotSchedule")).obj();
        assertThat(verdicts(plugin, honor, s)).containsEntry("c1", "ok").containsEntry("b1", PodTopologySpread.REASON);
        TopologySpreadConstraint ignore = constraint(1, "DoNotSchedule");
        ignore.setNodeAffinityPolicy("Ignore");
        var ignoring = web("w1").nodeSelector("ssd", "yes").spread(ignore).obj();
        assertThat(verdicts(plugin, ignoring, s)).containsEntry("b1", PodTopologySpread.REASON)
                .containsEntry("c1", "ok").containsEntry("a1", "ok");
    }

    @Test
    void scheduleAnywayScoresEmptierDomainsHigher() {
        var s = snapshot(nodes, web("w0").node("a1").obj(), web("w1").node("a2").obj(), web("w2").node("b1").obj());
        var scores = score(plugin, web("w3").spread(constraint(1, "ScheduleAnyway")).obj(), s);
        assertThat(scores.get("c1")).isEqualTo(100L);
        assertThat(scores.get("b1")).isLessThan(scores.get("c1")).isGreaterThan(scores.get("a1"));
        assertThat(scores.get("nozone")).isZero();
        assertThat(verdicts(plugin, web("w3").spread(constraint(1, "ScheduleAnyway")).obj(), s).values())
                .containsOnly("ok");
    }

    @Test
    void matchLabelKeysNarrowTheSelectorToThePodsOwnValues() {
        var s = snapshot(nodes, web("old").labels("rev", "1").node("a1").obj());
        TopologySpreadConstraint c = constraint(1, "DoNotSchedule");
        c.setMatchLabelKeys(List.of("rev"));
        assertThat(verdicts(plugin, web("new").labels("rev", "2").spread(c).obj(), s)).containsEntry("a1", "ok");
        assertThat(verdicts(plugin, web("new").labels("rev", "1").spread(c).obj(), s))
                .containsEntry("a1", PodTopologySpread.REASON);
    }

    private static TopologySpreadConstraint constraint(int maxSkew, String when) {
        TopologySpreadConstraint c = new TopologySpreadConstraint();
        c.setMaxSkew(maxSkew);
        c.setTopologyKey(ZONE);
        c.setWhenUnsatisfiable(when);
        c.setLabelSelector(MakePod.selector("app", "web"));
        return c;
    }
}
