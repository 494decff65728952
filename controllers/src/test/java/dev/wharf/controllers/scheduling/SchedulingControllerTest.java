package dev.wharf.controllers.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.ManualClock;
import dev.wharf.common.Randoms;
import dev.wharf.controller.runtime.ApiClient.DeleteOptions;
import dev.wharf.controller.runtime.ApiClient.ListOptions;
import dev.wharf.controller.runtime.ControllerManager;
import dev.wharf.controller.runtime.fake.FakeApiClient;
import dev.wharf.scheduler.testing.MakeNode;
import dev.wharf.scheduler.testing.MakePod;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SchedulingControllerTest {
    final ManualClock clock = new ManualClock();
    final FakeApiClient api = new FakeApiClient(clock, Randoms.seeded(1));
    final ControllerManager manager = new ControllerManager(api, clock);
    final SchedulingController scheduler = new SchedulingController(manager, Randoms.seeded(2), SchedulingOptions.inline());

    SchedulingControllerTest() {
        manager.startInformers();
    }

    void settle() {
        manager.runUntilIdle();
    }

    Node node(String name, String zone, String cpu, String memory) {
        return api.create(MakeNode.node().name(name).zone(zone).capacity(cpu, memory, 110).obj());
    }

    Pod webPod(String name) {
        return api.create(MakePod.pod().name(name).labels("app", "web").req("100m", "128Mi")
                .podAntiAffinity(MakeNode.ZONE, "app", "web").obj());
    }

    Pod pod(String name) {
        return api.get(Pod.class, "default", name);
    }

    String nodeOf(String pod) {
        return pod(pod).getSpec().getNodeName();
    }

    List<String> events(String reason) {
        return api.list(Event.class, ListOptions.all()).items().stream().filter(e -> reason.equals(e.getReason()))
                .map(Event::getMessage).toList();
    }

    PodCondition scheduledCondition(String pod) {
        return PodConditions.find(pod(pod));
    }

    @Test
    void spreadsPodsWithRequiredZoneAntiAffinityOnePerZone() {
        node("node-1", "a", "4", "8Gi");
        node("node-2", "b", "4", "8Gi");
        node("node-3", "c", "4", "8Gi");
        for (int i = 0; i < 3; i++) {
            webPod("web-" + i);
        }
        settle();

        Map<String, String> placement = List.of("web-0", "web-1", "web-2").stream()
                .collect(Collectors.toMap(p -> p, this::nodeOf));
        assertThat(placement.values()).containsExactlyInAnyOrder("node-1", "node-2", "node-3");
        assertThat(events("Scheduled")).containsExactlyInAnyOrder(
                "Successfully assigned default/web-0 to " + placement.get("web-0"),
                "Successfully assigned default/web-1 to " + placement.get("web-1"),
                "Successfully assigned default/web-2 to " + placement.get("web-2"));
        assertThat(events("FailedScheduling")).isEmpty();
    }

    @Test
    void aReplicaSetWithZoneAntiAffinityGetsOnePodPerZoneAndTheSurplusWaits() {
        new dev.wharf.controllers.replicaset.ReplicaSetController(manager, 1);
        manager.startInformers();
        node("node-1", "a", "4", "8Gi");
        node("node-2", "b", "4", "8Gi");
        node("node-3", "c", "4", "8Gi");
        Pod template = MakePod.pod().name("template").labels("app", "web").req("100m", "128Mi").podAntiAffinity(MakeNode.ZONE, "app", "web").obj();
        api.create(new io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder().withNewMetadata().withNamespace("default")
                .withName("web").endMetadata().withNewSpec().withReplicas(4)
                .withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().withLabels(template.getMetadata().getLabels()).endMetadata()
                .withSpec(template.getSpec()).endTemplate()
                .endSpec().build());
        settle();

        List<Pod> all = api.list(Pod.class, ListOptions.in("default")).items();
        assertThat(all).hasSize(4);
        assertThat(all.stream().map(p -> p.getSpec().getNodeName()).filter(java.util.Objects::nonNull))
                .containsExactlyInAnyOrder("node-1", "node-2", "node-3");
        assertThat(events("Scheduled")).hasSize(3).allSatisfy(m -> assertThat(m).matches(
                "Successfully assigned default/web-[a-z0-9]{5} to node-[123]"));
        assertThat(events("FailedScheduling")).containsExactly(
                "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.");
        assertThat(scheduler.unschedulableCount()).isEqualTo(1);
    }

    @Test
    void aPodThatFitsNowhereIsReportedAndWaitsUntilANodeAppears() {
        node("node-1", "a", "4", "8Gi");
        node("node-2", "b", "1", "64Mi");
        node("node-3", "c", "1", "64Mi");
        webPod("web-0");
        settle();
        assertThat(nodeOf("web-0")).isEqualTo("node-1");

        webPod("web-1");
        settle();
        assertThat(nodeOf("web-1")).isNull();
        String message = "0/3 nodes are available: 1 node(s) didn't match pod anti-affinity rules, 2 Insufficient memory.";
        assertThat(events("FailedScheduling")).containsExactly(message);
        assertThat(scheduledCondition("web-1")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("Unschedulable");
            assertThat(c.getMessage()).isEqualTo(message);
        });
        // Node by node, for `wharf describe`
        assertThat(api.get(Pod.class, "default", "web-1").getMetadata().getAnnotations().get(SchedulingController.WHY_NOT))
                .contains("node-1: node(s) didn't match pod anti-affinity rules")
                .contains("node-2: Insufficient memory")
                .contains("node-3: Insufficient memory");
        // Parked: nothing is retried in a loop, only the periodic flush is pending.
        assertThat(scheduler.unschedulableCount()).isEqualTo(1);
        assertThat(scheduler.controller().queue().readyCount()).isZero();
        assertThat(manager.runUntilIdle()).isZero();

        // A suitable node appears: scheduled at once, without advancing the clock.
        node("node-4", "d", "4", "8Gi");
        settle();
        assertThat(nodeOf("web-1")).isEqualTo("node-4");
        assertThat(events("Scheduled")).contains("Successfully assigned default/web-1 to node-4");
        assertThat(scheduledCondition("web-1").getStatus()).isEqualTo("True");
        assertThat(scheduler.unschedulableCount()).isZero();
    }

    @Test
    void theFailureEventIsCountedNotRepeatedAndTheFlushRetries() {
        node("node-1", "a", "1", "1Gi");
        api.create(MakePod.pod().name("big").req("2", "128Mi").obj());
        settle();
        clock.advance(Duration.ofSeconds(30));
        settle();
        List<Event> failed = api.list(Event.class, ListOptions.all()).items().stream()
                .filter(e -> "FailedScheduling".equals(e.getReason())).toList();
        assertThat(failed).singleElement().satisfies(e -> {
            assertThat(e.getMessage()).isEqualTo("0/1 nodes are available: 1 Insufficient cpu.");
            assertThat(e.getCount()).isEqualTo(2);
            assertThat(e.getType()).isEqualTo("Warning");
        });
    }

    @Test
    void deletingABoundPodRetriesTheWaitingOnes() {
        node("node-1", "a", "1", "1Gi");
        api.create(MakePod.pod().name("first").req("800m", "128Mi").obj());
        settle();
        api.create(MakePod.pod().name("second").req("800m", "128Mi").obj());
        settle();
        assertThat(nodeOf("first")).isEqualTo("node-1");
        assertThat(nodeOf("second")).isNull();

        api.delete(Pod.class, "default", "first", DeleteOptions.now());
        settle();
        assertThat(nodeOf("second")).isEqualTo("node-1");
    }

    @Test
    void aPodWaitingForRequiredAffinityIsRetriedWhenItsPartnerIsBound() {
        node("node-1", "a", "4", "8Gi");
        node("node-2", "b", "4", "8Gi");
        api.create(MakePod.pod().name("cache").podAffinity(MakeNode.HOSTNAME, "app", "db").obj());
        settle();
        assertThat(nodeOf("cache")).isNull();
        assertThat(events("FailedScheduling")).containsExactly(
                "0/2 nodes are available: 2 node(s) didn't match pod affinity rules.");

        api.create(MakePod.pod().name("db").labels("app", "db").obj());
        settle();
        assertThat(nodeOf("db")).isNotNull();
        assertThat(nodeOf("cache")).isEqualTo(nodeOf("db"));
    }

    @Test
    void aBurstSeesItsOwnAssumptionsBeforeTheBindingsAreObserved() {
        node("node-1", "a", "1", "1Gi");
        node("node-2", "b", "1", "1Gi");
        for (int i = 0; i < 4; i++) {
            api.create(MakePod.pod().name("p" + i).req("500m", "128Mi").obj());
        }
        settle();
        Map<String, Long> perNode = api.list(Pod.class, ListOptions.all()).items().stream()
                .collect(Collectors.groupingBy(p -> p.getSpec().getNodeName(), Collectors.counting()));
        assertThat(perNode).containsExactlyInAnyOrderEntriesOf(Map.of("node-1", 2L, "node-2", 2L));
    }

    @Test
    void leavesOtherSchedulersPodsGatedPodsAndBoundPodsAlone() {
        node("node-1", "a", "4", "8Gi");
        Pod other = MakePod.pod().name("other").obj();
        other.getSpec().setSchedulerName("my-scheduler");
        api.create(other);
        Pod gated = MakePod.pod().name("gated").obj();
        gated.getSpec().setSchedulingGates(List.of(new io.fabric8.kubernetes.api.model.PodSchedulingGate("wait")));
        api.create(gated);
        api.create(MakePod.pod().name("bound").node("node-1").obj());
        settle();
        assertThat(nodeOf("other")).isNull();
        assertThat(nodeOf("gated")).isNull();
        assertThat(events("FailedScheduling")).isEmpty();
        assertThat(events("Scheduled")).isEmpty();
    }

    @Test
    void cordonedAndTaintedNodesAreAvoided() {
        api.create(MakeNode.node().name("node-1").zone("a").unschedulable().obj());
        api.create(MakeNode.node().name("node-2").zone("b").taint("node.kubernetes.io/unreachable", null, "NoSchedule").obj());
        node("node-3", "c", "4", "8Gi");
        for (int i = 0; i < 3; i++) {
            api.create(MakePod.pod().name("p" + i).obj());
        }
        settle();
        assertThat(List.of(nodeOf("p0"), nodeOf("p1"), nodeOf("p2"))).containsOnly("node-3");
    }

    @Test
    void aHigherPriorityPodPreemptsALowerOne() {
        node("node-1", "a", "1", "1Gi");
        api.create(MakePod.pod().name("low").priority(0).req("800m", "128Mi").obj());
        settle();
        assertThat(nodeOf("low")).isEqualTo("node-1");

        Pod high = api.create(MakePod.pod().name("high").priority(1000).req("800m", "128Mi").obj());
        settle();
        assertThat(pod("low")).isNull();
        assertThat(events("Preempted")).containsExactly(
                "Preempted by pod " + high.getMetadata().getUid() + " on node node-1");
        assertThat(events("FailedScheduling")).containsExactly("0/1 nodes are available: 1 Insufficient cpu.");
        assertThat(nodeOf("high")).isEqualTo("node-1");
        assertThat(pod("high").getStatus().getNominatedNodeName()).isEqualTo("node-1");
    }

    @Test
    void aPodBoundBySomeoneElseMeanwhileIsNotBoundTwice() {
        node("node-1", "a", "4", "8Gi");
        node("node-2", "b", "4", "8Gi");
        api.create(MakePod.pod().name("p").obj());
        // Someone binds it before the loop runs.
        Pod p = pod("p");
        p.getSpec().setNodeName("node-2");
        api.update(p);
        settle();
        assertThat(nodeOf("p")).isEqualTo("node-2");
        assertThat(events("Scheduled")).isEmpty();
    }
}
