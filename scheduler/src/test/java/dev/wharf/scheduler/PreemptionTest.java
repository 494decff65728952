package dev.wharf.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.Randoms;
import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.snapshot.Snapshot;
import dev.wharf.scheduler.testing.MakeNode;
import dev.wharf.scheduler.testing.MakePod;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreemptionTest {
    private final Snapshot snapshot = Snapshot.of(List.of(
                    MakeNode.node().name("n1").capacity("2", "8Gi", 110).obj(),
                    MakeNode.node().name("n2").capacity("2", "8Gi", 110).obj(),
                    MakeNode.node().name("tainted").taint("x", "y", "NoSchedule").capacity("8", "8Gi", 110).obj()),
            List.of(MakePod.pod().name("low-a").priority(1).req("1", "1Gi").node("n1").obj(),
                    MakePod.pod().name("low-b").priority(1).req("1", "1Gi").node("n1").obj(),
                    MakePod.pod().name("mid").priority(5).req("1500m", "1Gi").node("n2").obj(),
                    MakePod.pod().name("tiny").priority(0).req("100m", "1Gi").node("n2").obj()));
    private final Scheduler scheduler = Scheduler.withDefaults(Randoms.seeded(1));

    @Test
    void evictsTheFewestLeastImportantPodsOnTheBestNode() {
        PodInfo urgent = MakePod.pod().name("urgent").priority(10).req("1", "1Gi").info();
        Decision d = scheduler.schedule(urgent, snapshot);
        assertThat(d.error().message())
                .isEqualTo("0/3 nodes are available: 1 node(s) had untolerated taint {x: y}, 2 Insufficient cpu.");
        var preemption = scheduler.preempt(urgent, snapshot, d);
        // n1: one priority-1 victim suffices; n2 would need "mid" (priority 5) -> n1 wins
        assertThat(preemption).contains(new Preemption("n1", List.of("default/low-b")));
        assertThat(snapshot.node("n1").podCount()).as("snapshot restored").isEqualTo(2);
        assertThat(snapshot.node("n2").podCount()).isEqualTo(2);
    }

    @Test
    void noPreemptionWithoutLowerPriorityPodsOrForUnresolvableNodes() {
        PodInfo peer = MakePod.pod().name("peer").priority(0).req("1", "1Gi").info();
        assertThat(scheduler.preempt(peer, snapshot, scheduler.schedule(peer, snapshot))).isEmpty();
        PodInfo picky = MakePod.pod().name("picky").priority(10).nodeSelector("gpu", "yes").info();
        assertThat(scheduler.preempt(picky, snapshot, scheduler.schedule(picky, snapshot))).isEmpty();
    }
}
