package dev.wharf.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.ManualClock;
import dev.wharf.common.Randoms;
import dev.wharf.controller.runtime.ApiClient.ListOptions;
import dev.wharf.controller.runtime.ControllerManager;
import dev.wharf.controller.runtime.fake.FakeApiClient;
import dev.wharf.controllers.replicaset.ReplicaSetController;
import dev.wharf.controllers.scheduling.SchedulingController;
import dev.wharf.controllers.scheduling.SchedulingOptions;
import dev.wharf.controllers.support.Pods;
import dev.wharf.scheduler.testing.MakeNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeLifecycleControllerTest {
    final ManualClock clock = new ManualClock();
    final FakeApiClient api = new FakeApiClient(clock, Randoms.seeded(3));
    ControllerManager manager;

    void start(NodeLifecycleOptions options) {
        manager = new ControllerManager(api, clock);
        new NodeLifecycleController(manager, options, 1);
        new SchedulingController(manager, Randoms.seeded(4), SchedulingOptions.inline());
        new ReplicaSetController(manager, 1);
        manager.startInformers();
        settle();
    }

    void settle() {
        manager.runUntilIdle();
    }

    /** Three Ready nodes in zones a, b, c with a Lease each, and a ReplicaSet of {@code replicas} running pods. */
    void cluster(NodeLifecycleOptions options, int replicas, Toleration... tolerations) {
        for (String[] n : List.of(new String[] {"node-1", "a"}, new String[] {"node-2", "b"}, new String[] {"node-3", "c"})) {
            Node node = MakeNode.node().name(n[0]).zone(n[1]).obj();
            NodeCondition ready = new NodeCondition();
            ready.setType("Ready");
            ready.setStatus("True");
            ready.setReason("KubeletReady");
            ready.setLastHeartbeatTime(now());
            ready.setLastTransitionTime(now());
            node.getStatus().setConditions(List.of(ready));
            api.create(node);
            api.create(new LeaseBuilder().withNewMetadata().withNamespace("kube-node-lease").withName(n[0]).endMetadata()
                    .withNewSpec().withHolderIdentity(n[0]).withLeaseDurationSeconds(40)
                    .withRenewTime(clock.now().atZone(ZoneOffset.UTC)).endSpec().build());
        }
        start(options);
        api.create(new ReplicaSetBuilder().withNewMetadata().withNamespace("default").withName("web").endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("busybox").endContainer()
                .withTolerations(tolerations).endSpec().endTemplate().endSpec().build());
        settle();
        pods().forEach(this::runReady);
        settle();
    }

    String now() {
        return clock.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    void heartbeat(String... nodes) {
        for (String n : nodes) {
            Lease lease = api.get(Lease.class, "kube-node-lease", n);
            lease.getSpec().setRenewTime(clock.now().atZone(ZoneOffset.UTC));
            api.update(lease);
        }
    }

    /** Advances the clock in 1 s steps, renewing the leases of {@code alive} nodes at each step. */
    void runFor(Duration d, String... alive) {
        for (long s = 0; s < d.toSeconds(); s++) {
            clock.advance(Duration.ofSeconds(1));
            heartbeat(alive);
            settle();
        }
    }

    void runReady(Pod pod) {
        Pod p = api.get(Pod.class, "default", pod.getMetadata().getName());
        PodCondition ready = new PodCondition();
        ready.setType("Ready");
        ready.setStatus("True");
        ready.setLastTransitionTime(now());
        PodStatus status = p.getStatus() == null ? new PodStatus() : p.getStatus();
        status.setPhase("Running");
        status.setConditions(List.of(ready));
        p.setStatus(status);
        api.updateStatus(p);
    }

    List<Pod> pods() {
        return api.list(Pod.class, ListOptions.in("default")).items();
    }

    List<Pod> podsOn(String node) {
        return pods().stream().filter(p -> node.equals(p.getSpec().getNodeName())).toList();
    }

    Node node(String name) {
        return api.get(Node.class, null, name);
    }

    NodeCondition ready(String node) {
        return NodeTaints.condition(node(node), "Ready");
    }

    List<String> taints(String node) {
        return NodeTaints.current(node(node)).stream().map(t -> t.getKey() + ":" + t.getEffect()).toList();
    }

    List<String> events(String reason) {
        return api.list(Event.class, ListOptions.all()).items().stream().filter(e -> reason.equals(e.getReason()))
                .map(Event::getMessage).toList();
    }

    @Test
    void aNodeThatStopsHeartbeatingIsNotReadyAfterTheGraceAndItsPodsAreReplacedElsewhere() {
        cluster(NodeLifecycleOptions.DEV, 6);
        List<String> lost = podsOn("node-3").stream().map(p -> p.getMetadata().getName()).toList();
        assertThat(lost).isNotEmpty();

        runFor(Duration.ofSeconds(4), "node-1", "node-2");
        assertThat(ready("node-3").getStatus()).isEqualTo("True");
        assertThat(taints("node-3")).isEmpty();

        runFor(Duration.ofSeconds(1), "node-1", "node-2");
        assertThat(ready("node-3")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("Unknown");
            assertThat(c.getReason()).isEqualTo("NodeStatusUnknown");
            assertThat(c.getMessage()).isEqualTo("Kubelet stopped posting node status.");
        });
        assertThat(taints("node-3")).containsExactlyInAnyOrder("node.kubernetes.io/unreachable:NoSchedule",
                "node.kubernetes.io/unreachable:NoExecute");
        assertThat(events("NodeNotReady")).contains("Node node-3 status is now: NodeNotReady");
        assertThat(events("TaintManagerEviction")).containsExactlyInAnyOrderElementsOf(
                lost.stream().map(p -> "Marking for deletion Pod default/" + p).toList());
        // Replaced on the healthy nodes.
        assertThat(podsOn("node-3")).isEmpty();
        assertThat(pods()).hasSize(6).allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isIn("node-1", "node-2"));
        assertThat(ready("node-1").getStatus()).isEqualTo("True");
        assertThat(ready("node-2").getStatus()).isEqualTo("True");
    }

    @Test
    void podsAreMarkedNotReadyAndEvictedAfterTheirTolerationOrTheDefaultDelay() {
        Toleration tolerate60 = new Toleration("NoExecute", "node.kubernetes.io/unreachable", "Exists", 60L, null);
        NodeLifecycleOptions options = new NodeLifecycleOptions(Duration.ofSeconds(40), Duration.ofSeconds(300));
        cluster(options, 3, tolerate60);
        String victim = podsOn("node-3").getFirst().getMetadata().getName();

        runFor(Duration.ofSeconds(40), "node-1", "node-2");
        assertThat(ready("node-3").getStatus()).isEqualTo("Unknown");
        Pod pod = api.get(Pod.class, "default", victim);
        assertThat(Pods.isReady(pod)).isFalse();
        assertThat(events("NodeNotReady")).contains("Node is not ready");

        runFor(Duration.ofSeconds(59), "node-1", "node-2");
        assertThat(api.get(Pod.class, "default", victim)).isNotNull();
        runFor(Duration.ofSeconds(1), "node-1", "node-2");
        assertThat(api.get(Pod.class, "default", victim)).isNull();
        assertThat(events("TaintManagerEviction")).containsExactly("Marking for deletion Pod default/" + victim);
    }

    @Test
    void untoleratedPodsWaitForTheConfiguredEvictionDelay() {
        cluster(new NodeLifecycleOptions(Duration.ofSeconds(5), Duration.ofSeconds(20)), 3);
        String victim = podsOn("node-3").getFirst().getMetadata().getName();
        runFor(Duration.ofSeconds(5), "node-1", "node-2");
        assertThat(taints("node-3")).contains("node.kubernetes.io/unreachable:NoExecute");
        runFor(Duration.ofSeconds(19), "node-1", "node-2");
        assertThat(api.get(Pod.class, "default", victim)).isNotNull();
        runFor(Duration.ofSeconds(1), "node-1", "node-2");
        assertThat(api.get(Pod.class, "default", victim)).isNull();
    }

    @Test
    void aNodeWhoseHeartbeatResumesIsReadyAgainAndUntainted() {
        cluster(new NodeLifecycleOptions(Duration.ofSeconds(5), Duration.ofSeconds(300)), 3);
        runFor(Duration.ofSeconds(6), "node-1", "node-2");
        assertThat(ready("node-3").getStatus()).isEqualTo("Unknown");

        runFor(Duration.ofSeconds(1), "node-1", "node-2", "node-3");
        assertThat(ready("node-3").getStatus()).isEqualTo("True");
        assertThat(taints("node-3")).isEmpty();
        assertThat(events("NodeReady")).contains("Node node-3 status is now: NodeReady");
        assertThat(podsOn("node-3")).hasSize(1);

        // And it stays Ready while it heartbeats.
        runFor(Duration.ofSeconds(20), "node-1", "node-2", "node-3");
        assertThat(ready("node-3").getStatus()).isEqualTo("True");
    }

    @Test
    void aRestartedControllerDoesNotReviveADeadNode() {
        NodeLifecycleOptions options = new NodeLifecycleOptions(Duration.ofSeconds(5), Duration.ofSeconds(300));
        cluster(options, 3);
        runFor(Duration.ofSeconds(6), "node-1", "node-2");
        List<Taint> before = NodeTaints.current(node("node-3"));
        start(options); // a new controller manager on the same API, as after a leader change
        runFor(Duration.ofSeconds(3), "node-1", "node-2");
        assertThat(ready("node-3").getStatus()).isEqualTo("Unknown");
        assertThat(NodeTaints.current(node("node-3"))).containsExactlyInAnyOrderElementsOf(before);
        assertThat(events("NodeReady")).isEmpty();
    }

    @Test
    void podsOfADeletedNodeAreDeletedAfterTheGraceAndReplaced() {
        cluster(NodeLifecycleOptions.DEV, 3);
        List<String> orphans = podsOn("node-3").stream().map(p -> p.getMetadata().getName()).toList();
        assertThat(orphans).isNotEmpty();
        api.delete(Node.class, null, "node-3", null);
        settle();
        runFor(Duration.ofSeconds(4), "node-1", "node-2");
        assertThat(podsOn("node-3")).hasSameSizeAs(orphans);
        runFor(Duration.ofSeconds(1), "node-1", "node-2");
        assertThat(podsOn("node-3")).isEmpty();
        assertThat(pods()).hasSize(3).allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isIn("node-1", "node-2"));
    }

    @Test
    void aCordonedNodeIsTaintedUnschedulableUntilUncordoned() {
        cluster(NodeLifecycleOptions.DEV, 0);
        Node n = node("node-2");
        Taint own = new Taint("NoSchedule", "dedicated", null, "gpu");
        n.getSpec().setTaints(List.of(own));
        n.getSpec().setUnschedulable(true);
        api.update(n);
        settle();
        assertThat(taints("node-2")).containsExactlyInAnyOrder("dedicated:NoSchedule",
                "node.kubernetes.io/unschedulable:NoSchedule");

        n = node("node-2");
        n.getSpec().setUnschedulable(false);
        api.update(n);
        settle();
        assertThat(taints("node-2")).containsExactly("dedicated:NoSchedule");
    }

    @Test
    void aNodeThatNeverPostsStatusIsUnknownAfterTheGrace() {
        start(NodeLifecycleOptions.DEV);
        api.create(MakeNode.node().name("silent").zone("a").obj());
        settle();
        clock.advance(Duration.ofSeconds(5));
        settle();
        assertThat(ready("silent")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("Unknown");
            assertThat(c.getReason()).isEqualTo("NodeStatusNeverUpdated");
            assertThat(c.getMessage()).isEqualTo("Kubelet never posted node status.");
        });
        assertThat(taints("silent")).contains("node.kubernetes.io/unreachable:NoSchedule");
    }
}
