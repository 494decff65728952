package dev.wharf.scheduler.spread;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.snapshot.Snapshot;
import dev.wharf.scheduler.testing.MakeNode;
import dev.wharf.scheduler.testing.MakePod;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaleDownPlannerTest {
    private static final List<io.fabric8.kubernetes.api.model.Node> NODES = List.of(
            MakeNode.node().name("a1").zone("a").obj(), MakeNode.node().name("a2").zone("a").obj(),
            MakeNode.node().name("b1").zone("b").obj(), MakeNode.node().name("b2").zone("b").obj(),
            MakeNode.node().name("c1").zone("c").obj(), MakeNode.node().name("c2").zone("c").obj());

    private static Pod replica(String name, String node) {
        return MakePod.pod().name(name).labels("app", "web").node(node)
                .spread(1, MakeNode.ZONE, "DoNotSchedule", "app", "web").obj();
    }

    @Test
    void scalingSixToThreeKeepsOnePerZone() {
        // zone a holds three replicas, b two, c one: a naive newest-first choice would empty zone c
        List<Pod> pods = List.of(replica("w0", "a1"), replica("w1", "a2"), replica("w2", "a1"),
                replica("w3", "b1"), replica("w4", "b2"), replica("w5", "c1"));
        Snapshot snapshot = Snapshot.of(NODES, pods);
        List<PodInfo> candidates = pods.stream().map(PodInfo::of).toList();
        Comparator<PodInfo> newestFirst = Comparator.comparing(PodInfo::name).reversed();
        List<String> victims = ScaleDownPlanner.victims(candidates, 3, snapshot, newestFirst);
        assertThat(victims).hasSize(3);
        Map<String, Integer> left = new HashMap<>();
        for (Pod p : pods) {
            if (!victims.contains("default/" + p.getMetadata().getName())) {
                left.merge(snapshot.node(p.getSpec().getNodeName()).labels().get(MakeNode.ZONE), 1, Integer::sum);
            }
        }
        assertThat(left).containsOnly(Map.entry("a", 1), Map.entry("b", 1), Map.entry("c", 1));
        assertThat(snapshot.node("a1").podCount()).as("snapshot restored").isEqualTo(2);
    }

    @Test
    void equalSpreadFallsBackToTheCallersPreference() {
        List<Pod> pods = new ArrayList<>(List.of(replica("w0", "a1"), replica("w1", "b1"), replica("w2", "c1"),
                replica("w3", "a2"), replica("w4", "b2"), replica("w5", "c2")));
        Snapshot snapshot = Snapshot.of(NODES, pods);
        List<String> victims = ScaleDownPlanner.victims(pods.stream().map(PodInfo::of).toList(), 1, snapshot,
                Comparator.comparing(PodInfo::name).reversed());
        assertThat(victims).containsExactly("default/w5");
    }

    @Test
    void withoutConstraintsTheMostCrowdedNodeLosesFirst() {
        List<Pod> pods = List.of(MakePod.pod().name("x0").labels("app", "x").node("a1").obj(),
                MakePod.pod().name("x1").labels("app", "x").node("a1").obj(),
                MakePod.pod().name("x2").labels("app", "x").node("b1").obj());
        Snapshot snapshot = Snapshot.of(NODES, pods);
        List<String> victims = ScaleDownPlanner.victims(pods.stream().map(PodInfo::of).toList(), 1, snapshot,
                Comparator.comparing(PodInfo::name));
        assertThat(victims).containsExactly("default/x0");
    }
}
