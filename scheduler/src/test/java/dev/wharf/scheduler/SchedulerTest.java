package dev.wharf.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.Randoms;
import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.snapshot.Snapshot;
import dev.wharf.scheduler.testing.MakeNode;
import dev.wharf.scheduler.testing.MakePod;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    static List<Node> nodes(int count, int zones) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(MakeNode.node().name("node-" + i).zone("zone-" + (char) ('a' + i % zones)).obj());
        }
        return nodes;
    }

    @Test
    void feasibleNodesToFindIsAdaptiveLikeKubeScheduler() {
        SchedulerOptions o = SchedulerOptions.DEFAULTS;
        assertThat(o.feasibleNodesToFind(50)).isEqualTo(50);
        assertThat(o.feasibleNodesToFind(200)).isEqualTo(100);
        assertThat(o.feasibleNodesToFind(1000)).isEqualTo(420);
        assertThat(o.feasibleNodesToFind(5000)).isEqualTo(500);
        assertThat(o.feasibleNodesToFind(20000)).isEqualTo(1000);
        assertThat(new SchedulerOptions(100).feasibleNodesToFind(5000)).isEqualTo(5000);
        assertThat(new SchedulerOptions(1).feasibleNodesToFind(5000)).isEqualTo(100);
    }

    @Test
    void evaluatesOnlyASampleAndRotatesTheStartForFairness() {
        Snapshot snapshot = Snapshot.of(nodes(1000, 3), List.of());
        Scheduler scheduler = Scheduler.withDefaults(Randoms.seeded(3));
        Set<String> chosen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Decision d = scheduler.schedule(MakePod.pod().name("p" + i).obj(), snapshot);
            assertThat(d.evaluatedNodes()).isEqualTo(420);
            assertThat(d.feasibleNodes()).isEqualTo(420);
            chosen.add(d.nodeName());
        }
        assertThat(chosen).hasSize(3);
    }

    @Test
    void failureEvaluatesEveryNode() {
        Snapshot snapshot = Snapshot.of(nodes(300, 3), List.of());
        Decision d = Scheduler.withDefaults(Randoms.seeded(3))
                .schedule(MakePod.pod().name("huge").req("64", "1Gi").obj(), snapshot);
        assertThat(d.evaluatedNodes()).isEqualTo(300);
        assertThat(d.error().message()).isEqualTo("0/300 nodes are available: 300 Insufficient cpu.");
    }

    @Test
    void emptyClusterSaysSoAsUpstream() {
        Decision d = Scheduler.withDefaults(Randoms.seeded(1)).schedule(MakePod.pod().name("p").obj(),
                Snapshot.of(List.of(), List.of()));
        assertThat(d.error().message()).isEqualTo("no nodes available to schedule pods");
    }

    @Test
    void sameSeedAndInputsGiveTheSameDecisions() {
        assertThat(batch(42)).isEqualTo(batch(42));
        assertThat(batch(42)).isNotEqualTo(batch(43));
    }

    private static List<String> batch(long seed) {
        Snapshot snapshot = Snapshot.of(nodes(150, 3), List.of());
        Scheduler scheduler = Scheduler.withDefaults(Randoms.seeded(seed));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            PodInfo pod = MakePod.pod().name("p" + i).labels("app", "x").req("100m", "100Mi")
                    .spread(1, MakeNode.ZONE, "DoNotSchedule", "app", "x").info();
            Decision d = scheduler.schedule(pod, snapshot);
            snapshot.assume(pod, d.nodeName());
            out.add(d.nodeName());
        }
        return out;
    }

    @Test
    void incrementalAssumptionAgreesWithASnapshotBuiltFromScratch() {
        List<Node> nodes = nodes(30, 3);
        Snapshot incremental = Snapshot.of(nodes, List.of());
        Scheduler scheduler = Scheduler.withDefaults(Randoms.seeded(9));
        List<Pod> placed = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String app = "app" + (i % 3);
            Pod pod = MakePod.pod().name("p" + i).labels("app", app).req("50m", "64Mi")
                    .spread(2, MakeNode.ZONE, "DoNotSchedule", "app", app)
                    .preferredPodAntiAffinity(10, MakeNode.HOSTNAME, "app", app).obj();
            PodInfo info = PodInfo.of(pod);
            Decision d = scheduler.schedule(info, incremental);
            assertThat(d.scheduled()).isTrue();
            incremental.assume(info, d.nodeName());
            pod.getSpec().setNodeName(d.nodeName());
            placed.add(pod);
        }
        Snapshot rebuilt = Snapshot.of(nodes, placed);
        PodInfo probe = MakePod.pod().name("probe").labels("app", "app1").req("50m", "64Mi")
                .spread(1, MakeNode.ZONE, "DoNotSchedule", "app", "app1")
                .podAntiAffinity(MakeNode.HOSTNAME, "app", "app2")
                .preferredPodAffinity(5, MakeNode.ZONE, "app", "app0").info();
        Scheduler explainer = Scheduler.withDefaults(Randoms.seeded(1));
        assertThat(explainer.explain(probe, incremental)).isEqualTo(explainer.explain(probe, rebuilt));
    }

    @Test
    void removingAnAssumedPodFreesItsNodeAgain() {
        Snapshot snapshot = Snapshot.of(nodes(3, 3), List.of());
        Scheduler scheduler = Scheduler.withDefaults(Randoms.seeded(1));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            PodInfo pod = MakePod.pod().name("w" + i).labels("app", "w").podAntiAffinity(MakeNode.ZONE, "app", "w").info();
            snapshot.assume(pod, scheduler.schedule(pod, snapshot).nodeName());
            keys.add(pod.key());
        }
        PodInfo next = MakePod.pod().name("w3").labels("app", "w").podAntiAffinity(MakeNode.ZONE, "app", "w").info();
        assertThat(scheduler.schedule(next, snapshot).scheduled()).isFalse();
        String freed = snapshot.nodeOf(keys.get(1)).name();
        assertThat(snapshot.remove(keys.get(1))).isTrue();
        assertThat(scheduler.schedule(next, snapshot).nodeName()).isEqualTo(freed);
    }
}
