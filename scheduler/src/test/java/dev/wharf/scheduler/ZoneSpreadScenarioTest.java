package dev.wharf.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.Randoms;
import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.snapshot.Snapshot;
import dev.wharf.scheduler.testing.MakeNode;
import dev.wharf.scheduler.testing.MakePod;
import io.fabric8.kubernetes.api.model.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scenarios that read like the issue: replicas over three zones, and what Kubernetes says when none fits. */
class ZoneSpreadScenarioTest {
    private static final String ZONE = MakeNode.ZONE;
    private static final String HOST = MakeNode.HOSTNAME;

    private static List<Node> zones(int nodesPerZone) {
        List<Node> nodes = new ArrayList<>();
        for (String z : List.of("a", "b", "c")) {
            for (int i = 1; i <= nodesPerZone; i++) {
                nodes.add(MakeNode.node().name("node-" + z + i).zone(z).obj());
            }
        }
        return nodes;
    }

    private static MakePod replica(int i) {
        return MakePod.pod().name("web-" + i).labels("app", "web").req("100m", "128Mi")
                .spread(1, ZONE, "DoNotSchedule", "app", "web").podAntiAffinity(HOST, "app", "web");
    }

    @Test
    void zoneSpreadAndHostnameAntiAffinityPlaceThreeReplicasOnePerZone() {
        for (long seed = 1; seed <= 5; seed++) {
            Snapshot snapshot = Snapshot.of(zones(3), List.of());
            Scheduler scheduler = Scheduler.withDefaults(Randoms.seeded(seed));
            Map<String, Integer> perZone = new HashMap<>();
            for (int i = 0; i < 3; i++) {
                PodInfo pod = replica(i).info();
                Decision d = scheduler.schedule(pod, snapshot);
                assertThat(d.scheduled()).as("replica %d, seed %d", i, seed).isTrue();
                snapshot.assume(pod, d.nodeName());
                perZone.merge(snapshot.node(d.nodeName()).labels().get(ZONE), 1, Integer::sum);
            }
            assertThat(perZone).containsOnly(Map.entry("a", 1), Map.entry("b", 1), Map.entry("c", 1));
        }
    }

    @Test
    void fourthReplicaWithRequiredZoneAntiAffinityIsUnschedulableWithUpstreamWording() {
        Snapshot snapshot = Snapshot.of(zones(1), List.of());
        Scheduler scheduler = Scheduler.withDefaults(Randoms.seeded(7));
        for (int i = 0; i < 3; i++) {
            PodInfo pod = MakePod.pod().name("web-" + i).labels("app", "web").podAntiAffinity(ZONE, "app", "web").info();
            Decision d = scheduler.schedule(pod, snapshot);
            snapshot.assume(pod, d.nodeName());
        }
        Decision fourth = scheduler.schedule(
                MakePod.pod().name("web-3").labels("app", "web").podAntiAffinity(ZONE, "app", "web").info(), snapshot);
        assertThat(fourth.scheduled()).isFalse();
        assertThat(fourth.error().message())
                .isEqualTo("0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.");
        assertThat(fourth.error().explanation()).containsExactly(
                "node-a1: node(s) didn't match pod anti-affinity rules (InterPodAffinity)",
                "node-b1: node(s) didn't match pod anti-affinity rules (InterPodAffinity)",
                "node-c1: node(s) didn't match pod anti-affinity rules (InterPodAffinity)");
    }

    @Test
    void reasonsFromDifferentNodesAreCountedAndSortedAsUpstream() {
        List<Node> nodes = List.of(MakeNode.node().name("node-a1").zone("a").capacity("4", "8Gi", 110).obj(),
                MakeNode.node().name("node-b1").zone("b").capacity("4", "1Gi", 110).obj(),
                MakeNode.node().name("node-c1").zone("c").capacity("4", "1Gi", 110).obj());
        Snapshot snapshot = Snapshot.of(nodes, List.of(
                MakePod.pod().name("web-0").labels("app", "web").node("node-a1").obj()));
        Decision d = Scheduler.withDefaults(Randoms.seeded(1)).schedule(MakePod.pod().name("web-1")
                .labels("app", "web").req("100m", "2Gi").podAntiAffinity(HOST, "app", "web").obj(), snapshot);
        assertThat(d.error().message()).isEqualTo(
                "0/3 nodes are available: 1 node(s) didn't match pod anti-affinity rules, 2 Insufficient memory.");
    }

    @Test
    void describeExplainsEveryNode() {
        List<Node> nodes = List.of(MakeNode.node().name("n1").zone("a").obj(),
                MakeNode.node().name("n2").zone("b").taint("dedicated", "db", "NoSchedule").obj());
        Snapshot snapshot = Snapshot.of(nodes, List.of());
        List<NodeVerdict> verdicts = Scheduler.withDefaults(Randoms.seeded(1))
                .explain(MakePod.pod().name("p").req("1", "1Gi").info(), snapshot);
        assertThat(verdicts).extracting(NodeVerdict::node).containsExactly("n1", "n2");
        assertThat(verdicts.get(0).fits()).isTrue();
        assertThat(verdicts.get(0).scores()).containsKeys("NodeResourcesFit", "NodeResourcesBalancedAllocation");
        assertThat(verdicts.get(1).line())
                .isEqualTo("n2: node(s) had untolerated taint {dedicated: db} (TaintToleration)");
    }
}
