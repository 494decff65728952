package dev.wharf.scheduler.plugins.interpodaffinity;

import static dev.wharf.scheduler.testing.PluginHarness.score;
import static dev.wharf.scheduler.testing.PluginHarness.snapshot;
import static dev.wharf.scheduler.testing.PluginHarness.verdicts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.scheduler.testing.MakeNode;
import dev.wharf.scheduler.testing.MakePod;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterPodAffinityTest {
    private static final String ZONE = MakeNode.ZONE;
    private static final String HOST = MakeNode.HOSTNAME;
    private final InterPodAffinity plugin = new InterPodAffinity();
    private final List<Node> nodes = List.of(
            MakeNode.node().name("a1").zone("a").obj(), MakeNode.node().name("a2").zone("a").obj(),
            MakeNode.node().name("b1").zone("b").obj(), MakeNode.node().name("nozone").obj());

    @Test
    void requiredAffinityNeedsAMatchingPodInTheDomain() {
        var s = snapshot(nodes, MakePod.pod().name("db").labels("app", "db").node("a2").obj());
        var pod = MakePod.pod().name("web").podAffinity(ZONE, "app", "db").obj();
        assertThat(verdicts(plugin, pod, s)).containsEntry("a1", "ok").containsEntry("a2", "ok")
                .containsEntry("b1", InterPodAffinity.AFFINITY_REASON)
                .containsEntry("nozone", InterPodAffinity.AFFINITY_REASON);
    }

    @Test
    void firstPodMatchingItsOwnAffinityMayGoAnywhereWithTheKey() {
        var s = snapshot(nodes);
        var pod = MakePod.pod().name("web-0").labels("app", "web").podAffinity(ZONE, "app", "web").obj();
        assertThat(verdicts(plugin, pod, s)).containsEntry("a1", "ok").containsEntry("b1", "ok")
                .containsEntry("nozone", InterPodAffinity.AFFINITY_REASON);
        var other = MakePod.pod().name("x").labels("app", "x").podAffinity(ZONE, "app", "web").obj();
        assertThat(verdicts(plugin, other, s)).containsEntry("a1", InterPodAffinity.AFFINITY_REASON);
    }

    @Test
    void requiredAntiAffinityOverHostnameAndZone() {
        var s = snapshot(nodes, MakePod.pod().name("web-0").labels("app", "web").node("a1").obj());
        var byHost = MakePod.pod().name("web-1").labels("app", "web").podAntiAffinity(HOST, "app", "web").obj();
        assertThat(verdicts(plugin, byHost, s)).containsEntry("a1", InterPodAffinity.ANTI_AFFINITY_REASON)
                .containsEntry("a2", "ok").containsEntry("b1", "ok");
        var byZone = MakePod.pod().name("web-1").labels("app", "web").podAntiAffinity(ZONE, "app", "web").obj();
        assertThat(verdicts(plugin, byZone, s)).containsEntry("a1", InterPodAffinity.ANTI_AFFINITY_REASON)
                .containsEntry("a2", InterPodAffinity.ANTI_AFFINITY_REASON).containsEntry("b1", "ok")
                .containsEntry("nozone", "ok");
    }

    @Test
    void existingPodsAntiAffinityRejectsTheIncomingPod() {
        var s = snapshot(nodes, MakePod.pod().name("loner").node("b1").podAntiAffinity(ZONE, "team", "noisy").obj());
        var noisy = MakePod.pod().name("n").labels("team", "noisy").obj();
        assertThat(verdicts(plugin, noisy, s)).containsEntry("b1", InterPodAffinity.EXISTING_ANTI_AFFINITY_REASON)
                .containsEntry("a1", "ok");
        var quiet = MakePod.pod().name("q").labels("team", "quiet").obj();
        assertThat(verdicts(plugin, quiet, s).values()).containsOnly("ok");
    }

    @Test
    void termsCountOnlyTheirNamespacesUnlessTheNamespaceSelectorIsEmpty() {
        var s = snapshot(nodes, MakePod.pod().name("db").namespace("other").labels("app", "db").node("a1").obj());
        var sameNs = MakePod.pod().name("p").podAntiAffinity(HOST, "app", "db").obj();
        assertThat(verdicts(plugin, sameNs, s).values()).containsOnly("ok");
        PodAffinityTerm explicit = MakePod.podTerm(HOST, "app", "db");
        explicit.setNamespaces(List.of("other"));
        assertThat(verdicts(plugin, MakePod.pod().name("p").podAntiAffinity(explicit).obj(), s))
                .containsEntry("a1", InterPodAffinity.ANTI_AFFINITY_REASON);
        PodAffinityTerm all = MakePod.podTerm(HOST, "app", "db");
        all.setNamespaceSelector(new LabelSelector());
        assertThat(verdicts(plugin, MakePod.pod().name("p").podAntiAffinity(all).obj(), s))
                .containsEntry("a1", InterPodAffinity.ANTI_AFFINITY_REASON);
    }

    @Test
    void expressionSelectors() {
        var s = snapshot(nodes, MakePod.pod().name("db").labels("tier", "db").node("a1").obj());
        PodAffinityTerm t = new PodAffinityTerm();
        t.setTopologyKey(HOST);
        t.setLabelSelector(MakePod.selectorExpr("tier", "In", "db", "cache"));
        assertThat(verdicts(plugin, MakePod.pod().name("p").podAntiAffinity(t).obj(), s))
                .containsEntry("a1", InterPodAffinity.ANTI_AFFINITY_REASON).containsEntry("a2", "ok");
    }

    @Test
    void preferredTermsAndExistingPreferredTermsScore() {
        var s = snapshot(nodes, MakePod.pod().name("db").labels("app", "db").node("a1").obj(),
                MakePod.pod().name("cache").labels("app", "cache").node("b1")
                        .preferredPodAntiAffinity(50, ZONE, "app", "web").obj());
        var pod = MakePod.pod().name("web").labels("app", "web").preferredPodAffinity(100, ZONE, "app", "db").obj();
        // a1, a2: +100 (db in zone a); b1: -50 (cache avoids web in zone b); nozone: 0
        assertThat(score(plugin, pod, s)).containsEntry("a1", 100L).containsEntry("a2", 100L)
                .containsEntry("b1", 0L).containsEntry("nozone", 33L);
    }
}
