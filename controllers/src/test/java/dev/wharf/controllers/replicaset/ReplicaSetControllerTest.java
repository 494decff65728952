package dev.wharf.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.controller.runtime.ApiClient.DeleteOptions;
import dev.wharf.controller.runtime.informer.Informer;
import dev.wharf.controllers.TestCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReplicaSetControllerTest {
    final TestCluster cluster = new TestCluster();

    ReplicaSet replicaSet(int replicas, int minReadySeconds) {
        return cluster.api.create(new ReplicaSetBuilder().withNewMetadata().withNamespace("default").withName("web")
                .endMetadata().withNewSpec().withReplicas(replicas).withMinReadySeconds(minReadySeconds)
                .withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("nginx").endContainer().endSpec()
                .endTemplate().endSpec().build());
    }

    ReplicaSet rs() {
        return cluster.api.get(ReplicaSet.class, "default", "web");
    }

    void scale(int replicas) {
        ReplicaSet rs = rs();
        rs.getSpec().setReplicas(replicas);
        cluster.api.update(rs);
        cluster.settle();
    }

    @Test
    void createsOwnedPodsFromTheTemplateAndReportsStatus() {
        ReplicaSet created = replicaSet(3, 0);
        cluster.settle();
        List<Pod> pods = cluster.pods();
        assertThat(pods).hasSize(3).allSatisfy(p -> {
            assertThat(p.getMetadata().getName()).startsWith("web-");
            assertThat(p.getMetadata().getLabels()).containsEntry("app", "web");
            assertThat(p.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
                assertThat(ref.getUid()).isEqualTo(created.getMetadata().getUid());
                assertThat(ref.getController()).isTrue();
                assertThat(ref.getBlockOwnerDeletion()).isTrue();
                assertThat(ref.getKind()).isEqualTo("ReplicaSet");
            });
        });
        assertThat(rs().getStatus().getReplicas()).isEqualTo(3);
        assertThat(rs().getStatus().getFullyLabeledReplicas()).isEqualTo(3);
        assertThat(rs().getStatus().getReadyReplicas()).isZero();
        cluster.readyAll();
        assertThat(rs().getStatus().getReadyReplicas()).isEqualTo(3);
        assertThat(rs().getStatus().getAvailableReplicas()).isEqualTo(3);
        assertThat(rs().getStatus().getObservedGeneration()).isEqualTo(1);
        assertThat(cluster.eventMessages("SuccessfulCreate")).hasSize(3);
    }

    @Test
    void replacesDeletedPodsAndIgnoresTerminatingOnes() {
        cluster.api.gracefulPodDeletion(true);
        replicaSet(2, 0);
        cluster.settle().readyAll();
        Pod victim = cluster.pods().get(0);
        cluster.api.delete(Pod.class, "default", victim.getMetadata().getName(), DeleteOptions.DEFAULT);
        cluster.settle();
        assertThat(cluster.pods()).hasSize(3);
        assertThat(cluster.activePods()).hasSize(2);
        assertThat(rs().getStatus().getReplicas()).isEqualTo(2);
    }

    @Test
    void availabilityWaitsForMinReadySeconds() {
        replicaSet(2, 10);
        cluster.settle().readyAll();
        assertThat(rs().getStatus().getReadyReplicas()).isEqualTo(2);
        assertThat(rs().getStatus().getAvailableReplicas()).isZero();
        cluster.advance(Duration.ofSeconds(9));
        assertThat(rs().getStatus().getAvailableReplicas()).isZero();
        cluster.advance(Duration.ofSeconds(2));
        assertThat(rs().getStatus().getAvailableReplicas()).isEqualTo(2);
    }

    @Test
    void expectationsPreventDoubleCreationWhileTheInformerLags() {
        Informer<Pod> podInformer = cluster.manager.informer(Pod.class);
        podInformer.stop();
        replicaSet(3, 0);
        cluster.settle();
        ReplicaSet rs = rs();
        rs.getMetadata().setLabels(Map.of("touched", "yes"));
        cluster.api.update(rs);
        cluster.settle();
        assertThat(cluster.pods()).as("the informer saw none of them, but no second batch").hasSize(3);
        podInformer.start();
        cluster.settle();
        assertThat(cluster.pods()).hasSize(3);
        assertThat(rs().getStatus().getReplicas()).isEqualTo(3);
    }

    @Test
    void scaleDownPrefersUnscheduledThenNotReadyPods() {
        cluster.node("n1", "a");
        replicaSet(4, 0);
        cluster.settle();
        List<Pod> pods = cluster.pods();
        cluster.ready(cluster.bind(pods.get(0), "n1"));
        cluster.ready(cluster.bind(pods.get(1), "n1"));
        cluster.bind(pods.get(2), "n1");
        cluster.settle();
        scale(2);
        assertThat(cluster.pods()).extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder(pods.get(0).getMetadata().getName(), pods.get(1).getMetadata().getName());
    }

    @Test
    void scaleDownKeepsTheZoneSpread() {
        for (String zone : List.of("a", "b", "c")) {
            cluster.node("n-" + zone, zone);
        }
        replicaSet(3, 0);
        cluster.settle();
        // Three pods, one per zone; then three more, all newer, again one per zone; then three newest in zone a.
        List<Pod> first = cluster.pods();
        for (int i = 0; i < 3; i++) {
            cluster.ready(cluster.bind(first.get(i), "n-" + "abc".charAt(i)));
        }
        cluster.advance(Duration.ofSeconds(10));
        scale(6);
        int i = 0;
        for (Pod p : cluster.pods()) {
            if (p.getSpec().getNodeName() == null) {
                cluster.ready(cluster.bind(p, "n-" + "abc".charAt(i++)));
            }
        }
        cluster.advance(Duration.ofSeconds(10));
        scale(9);
        for (Pod p : cluster.pods()) {
            if (p.getSpec().getNodeName() == null) {
                cluster.ready(cluster.bind(p, "n-a"));
            }
        }
        cluster.settle();
        assertThat(zoneCounts()).containsExactlyInAnyOrderEntriesOf(Map.of("n-a", 5L, "n-b", 2L, "n-c", 2L));
        // Upstream would delete the newest pods — all in zone a — then the next newest; we even out instead.
        scale(6);
        assertThat(zoneCounts()).containsExactlyInAnyOrderEntriesOf(Map.of("n-a", 2L, "n-b", 2L, "n-c", 2L));
        scale(3);
        assertThat(zoneCounts()).containsExactlyInAnyOrderEntriesOf(Map.of("n-a", 1L, "n-b", 1L, "n-c", 1L));
    }

    private Map<String, Long> zoneCounts() {
        return cluster.activePods().stream().collect(Collectors.groupingBy(p -> p.getSpec().getNodeName(), Collectors.counting()));
    }
}
