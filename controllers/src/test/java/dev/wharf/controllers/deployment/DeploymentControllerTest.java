package dev.wharf.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.controller.runtime.ApiClient.ListOptions;
import dev.wharf.controllers.TestCluster;
import dev.wharf.controllers.support.Pods;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentControllerTest {
    final TestCluster cluster = new TestCluster();

    List<ReplicaSet> replicaSets() {
        return cluster.api.list(ReplicaSet.class, ListOptions.in("default")).items().stream()
                .sorted(Comparator.comparing(ReplicaSets::revision)).toList();
    }

    static DeploymentCondition condition(Deployment d, String type) {
        return d.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    /** kubectl rollout status's done-condition (rollout_status.go). */
    static boolean rolledOut(Deployment d) {
        var st = d.getStatus();
        return d.getMetadata().getGeneration() <= st.getObservedGeneration()
                && st.getUpdatedReplicas() >= d.getSpec().getReplicas()
                && st.getReplicas() <= st.getUpdatedReplicas()
                && st.getAvailableReplicas() >= st.getUpdatedReplicas();
    }

    void setImage(String image) {
        cluster.update("web", d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image));
        cluster.settle();
    }

    @Test
    void firstRolloutCreatesAHashedReplicaSetAndReportsStatusForKubectl() {
        Deployment d = cluster.deploy("web", 3, "nginx:1");
        cluster.settle();
        ReplicaSet rs = replicaSets().get(0);
        String hash = rs.getMetadata().getLabels().get("pod-template-hash");
        assertThat(rs.getMetadata().getName()).isEqualTo("web-" + hash);
        assertThat(hash).isEqualTo(PodTemplateHash.of(d.getSpec().getTemplate(), null)).matches("[bcdfghjklmnpqrstvwxz2456789]+");
        assertThat(rs.getSpec().getSelector().getMatchLabels()).containsEntry("pod-template-hash", hash).containsEntry("app", "web");
        assertThat(rs.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("pod-template-hash", hash);
        assertThat(rs.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "1");
        assertThat(rs.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getUid()).isEqualTo(d.getMetadata().getUid());
            assertThat(ref.getController()).isTrue();
        });
        assertThat(cluster.get("web").getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "1");
        assertThat(cluster.eventMessages("ScalingReplicaSet")).containsExactly("Scaled up replica set " + rs.getMetadata().getName() + " to 3");
        assertThat(rolledOut(cluster.get("web"))).isFalse();
        assertThat(condition(cluster.get("web"), "Available").getStatus()).isEqualTo("False");

        cluster.readyAll();
        Deployment done = cluster.get("web");
        assertThat(rolledOut(done)).isTrue();
        assertThat(done.getStatus().getObservedGeneration()).isEqualTo(1);
        assertThat(done.getStatus().getReplicas()).isEqualTo(3);
        assertThat(done.getStatus().getUpdatedReplicas()).isEqualTo(3);
        assertThat(done.getStatus().getReadyReplicas()).isEqualTo(3);
        assertThat(done.getStatus().getAvailableReplicas()).isEqualTo(3);
        assertThat(done.getStatus().getUnavailableReplicas()).isZero();
        assertThat(condition(done, "Available").getReason()).isEqualTo("MinimumReplicasAvailable");
        assertThat(condition(done, "Available").getMessage()).isEqualTo("Deployment has minimum availability.");
        assertThat(condition(done, "Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");
        assertThat(condition(done, "Progressing").getMessage())
                .isEqualTo("ReplicaSet \"" + rs.getMetadata().getName() + "\" has successfully progressed.");
    }

    @Test
    void rollingUpdateRespectsMaxSurgeAndMaxUnavailableAtEveryStep() {
        Deployment d = TestCluster.deployment("web", 10, "nginx:1");
        d.getSpec().setStrategy(new DeploymentStrategyBuilder().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString("25%")).withMaxUnavailable(new IntOrString("25%")).endRollingUpdate().build());
        cluster.api.create(d);
        cluster.settle().readyAll();
        assertThat(rolledOut(cluster.get("web"))).isTrue();
        // 25% of 10: surge rounds up to 3, unavailable rounds down to 2.
        int maxTotal = 13;
        int minAvailable = 8;
        int[] worst = {0, Integer.MAX_VALUE};
        cluster.api.watch(Pod.class, ListOptions.in("default").fromVersion(Long.toString(cluster.api.revision())), (type, pod) -> {
            List<Pod> active = cluster.activePods();
            worst[0] = Math.max(worst[0], active.size());
            worst[1] = Math.min(worst[1], (int) active.stream().filter(Pods::isReady).count());
        });
        setImage("nginx:2");
        int steps = 0;
        while (!rolledOut(cluster.get("web"))) {
            Pod pending = cluster.activePods().stream().filter(p -> !Pods.isReady(p)).findFirst().orElseThrow();
            cluster.ready(cluster.bind(pending, "n1"));
            cluster.settle();
            steps++;
            assertThat(steps).isLessThan(50);
        }
        assertThat(worst[0]).as("pods never exceed replicas + maxSurge").isLessThanOrEqualTo(maxTotal);
        assertThat(worst[0]).as("the surge was used").isEqualTo(maxTotal);
        assertThat(worst[1]).as("ready pods never drop below replicas - maxUnavailable").isGreaterThanOrEqualTo(minAvailable);
        assertThat(worst[1]).as("the unavailability budget was used").isEqualTo(minAvailable);
        assertThat(cluster.activePods()).hasSize(10).allSatisfy(p ->
                assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:2"));
        List<ReplicaSet> sets = replicaSets();
        assertThat(sets).hasSize(2);
        assertThat(sets.get(0).getSpec().getReplicas()).isZero();
        assertThat(sets.get(1).getSpec().getReplicas()).isEqualTo(10);
        assertThat(cluster.get("web").getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "2");
        assertThat(condition(cluster.get("web"), "Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");
        assertThat(cluster.eventMessages("ScalingReplicaSet")).contains(
                "Scaled up replica set " + sets.get(1).getMetadata().getName() + " to 3",
                "Scaled down replica set " + sets.get(0).getMetadata().getName() + " to 8",
                "Scaled down replica set " + sets.get(0).getMetadata().getName() + " to 0");
    }

    @Test
    void rolloutScalesTheOldReplicaSetDownWhereTheNewOneCrowds() {
        for (String zone : List.of("a", "b", "c")) {
            cluster.node("n-" + zone, zone);
        }
        Deployment d = TestCluster.deployment("web", 6, "nginx:1");
        d.getSpec().setStrategy(new DeploymentStrategyBuilder().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString(3)).withMaxUnavailable(new IntOrString(0)).endRollingUpdate().build());
        cluster.api.create(d);
        cluster.settle();
        int i = 0;
        for (Pod p : cluster.activePods()) {
            cluster.ready(cluster.bind(p, "n-" + "abc".charAt(i++ % 3)));
        }
        cluster.settle();
        setImage("nginx:2");
        // The "scheduler" puts all three surge pods in zone a; the old ReplicaSet then gives up its zone-a pods first.
        for (Pod p : cluster.activePods()) {
            if (!Pods.isScheduled(p)) {
                cluster.ready(cluster.bind(p, "n-a"));
            }
        }
        cluster.settle();
        Map<String, Long> perNode = new HashMap<>();
        for (Pod p : cluster.activePods()) {
            perNode.merge(p.getSpec().getNodeName(), 1L, Long::sum);
        }
        assertThat(perNode.get("n-a")).as("zone a had 2 old + 3 new pods").isLessThanOrEqualTo(3L);
        assertThat(cluster.activePods().stream().filter(p -> "n-a".equals(p.getSpec().getNodeName()))
                .allMatch(p -> p.getSpec().getContainers().get(0).getImage().equals("nginx:2"))).isTrue();
    }

    @Test
    void scalingMidRolloutIsSharedProportionallyBetweenReplicaSets() {
        Deployment d = TestCluster.deployment("web", 10, "nginx:1");
        d.getSpec().setStrategy(new DeploymentStrategyBuilder().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString(3)).withMaxUnavailable(new IntOrString(2)).endRollingUpdate().build());
        cluster.api.create(d);
        cluster.settle().readyAll();
        setImage("nginx:2");
        List<ReplicaSet> sets = replicaSets();
        assertThat(sets.get(0).getSpec().getReplicas()).isEqualTo(8);
        assertThat(sets.get(1).getSpec().getReplicas()).isEqualTo(5);
        cluster.update("web", x -> x.getSpec().setReplicas(20));
        cluster.settle();
        sets = replicaSets();
        // 20 + 3 allowed, 13 there: 10 more, shared by size (8 -> 14, 5 -> 9), as upstream does.
        assertThat(sets.get(0).getSpec().getReplicas()).isEqualTo(14);
        assertThat(sets.get(1).getSpec().getReplicas()).isEqualTo(9);
        assertThat(sets).allSatisfy(rs -> assertThat(rs.getMetadata().getAnnotations())
                .containsEntry("deployment.kubernetes.io/desired-replicas", "20")
                .containsEntry("deployment.kubernetes.io/max-replicas", "23"));
        while (!rolledOut(cluster.get("web"))) {
            cluster.readyAll();
        }
        assertThat(cluster.activePods()).hasSize(20).allSatisfy(p ->
                assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:2"));
    }

    @Test
    void rollbackReusesTheOldReplicaSetUnderANewRevision() {
        cluster.deploy("web", 2, "nginx:1");
        cluster.settle().readyAll();
        setImage("nginx:2");
        while (!rolledOut(cluster.get("web"))) {
            cluster.readyAll();
        }
        List<ReplicaSet> sets = replicaSets();
        ReplicaSet v1 = sets.get(0);
        // What `kubectl rollout undo` sends: the previous ReplicaSet's template without pod-template-hash.
        PodTemplateSpec template = v1.getSpec().getTemplate();
        Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
        labels.remove("pod-template-hash");
        template.getMetadata().setLabels(labels);
        cluster.update("web", d -> d.getSpec().setTemplate(template));
        cluster.settle();
        while (!rolledOut(cluster.get("web"))) {
            cluster.readyAll();
        }
        List<ReplicaSet> after = replicaSets();
        assertThat(after).hasSize(2);
        ReplicaSet reused = after.stream().filter(rs -> rs.getMetadata().getName().equals(v1.getMetadata().getName())).findFirst().orElseThrow();
        assertThat(reused.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "3");
        assertThat(reused.getSpec().getReplicas()).isEqualTo(2);
        assertThat(cluster.get("web").getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "3");
        assertThat(cluster.activePods()).allSatisfy(p ->
                assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1"));
    }

    @Test
    void recreateStopsEveryOldPodBeforeStartingNewOnes() {
        cluster.api.gracefulPodDeletion(true);
        Deployment d = TestCluster.deployment("web", 3, "nginx:1");
        d.getSpec().setStrategy(new DeploymentStrategyBuilder().withType("Recreate").build());
        cluster.api.create(d);
        cluster.settle().readyAll();
        setImage("nginx:2");
        assertThat(replicaSets()).hasSize(1);
        assertThat(replicaSets().get(0).getSpec().getReplicas()).isZero();
        assertThat(cluster.pods()).as("old pods terminating").hasSize(3).noneMatch(Pods::isActive);
        for (Pod p : cluster.pods()) {
            cluster.api.delete(Pod.class, "default", p.getMetadata().getName(), dev.wharf.controller.runtime.ApiClient.DeleteOptions.now());
        }
        cluster.settle();
        assertThat(replicaSets()).hasSize(2);
        assertThat(cluster.activePods()).hasSize(3).allSatisfy(p ->
                assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:2"));
        cluster.readyAll();
        assertThat(rolledOut(cluster.get("web"))).isTrue();
    }

    @Test
    void pausedDeploymentDoesNotRollOutUntilResumedButStillScales() {
        cluster.deploy("web", 2, "nginx:1");
        cluster.settle().readyAll();
        cluster.update("web", d -> d.getSpec().setPaused(true));
        cluster.settle();
        assertThat(condition(cluster.get("web"), "Progressing").getReason()).isEqualTo("DeploymentPaused");
        setImage("nginx:2");
        assertThat(replicaSets()).hasSize(1);
        cluster.update("web", d -> d.getSpec().setReplicas(4));
        cluster.settle();
        assertThat(replicaSets().get(0).getSpec().getReplicas()).isEqualTo(4);
        cluster.update("web", d -> d.getSpec().setPaused(null));
        cluster.settle();
        assertThat(replicaSets()).hasSize(2);
        while (!rolledOut(cluster.get("web"))) {
            cluster.readyAll();
        }
        assertThat(cluster.activePods()).hasSize(4);
    }

    @Test
    void progressDeadlineExceededWhenPodsNeverBecomeReady() {
        Deployment d = TestCluster.deployment("web", 2, "nginx:1");
        d.getSpec().setProgressDeadlineSeconds(60);
        cluster.api.create(d);
        cluster.settle();
        cluster.advance(Duration.ofSeconds(30));
        assertThat(condition(cluster.get("web"), "Progressing").getStatus()).isEqualTo("True");
        cluster.advance(Duration.ofSeconds(32));
        DeploymentCondition progressing = condition(cluster.get("web"), "Progressing");
        assertThat(progressing.getStatus()).isEqualTo("False");
        assertThat(progressing.getReason()).isEqualTo("ProgressDeadlineExceeded");
        assertThat(progressing.getMessage()).endsWith("has timed out progressing.");
    }

    @Test
    void minReadySecondsDelaysAvailability() {
        Deployment d = TestCluster.deployment("web", 2, "nginx:1");
        d.getSpec().setMinReadySeconds(20);
        cluster.api.create(d);
        cluster.settle().readyAll();
        assertThat(cluster.get("web").getStatus().getAvailableReplicas()).isZero();
        assertThat(rolledOut(cluster.get("web"))).isFalse();
        cluster.advance(Duration.ofSeconds(21));
        assertThat(cluster.get("web").getStatus().getAvailableReplicas()).isEqualTo(2);
        assertThat(rolledOut(cluster.get("web"))).isTrue();
    }

    @Test
    void revisionHistoryLimitDeletesOldEmptyReplicaSets() {
        Deployment d = TestCluster.deployment("web", 1, "nginx:1");
        d.getSpec().setRevisionHistoryLimit(1);
        cluster.api.create(d);
        cluster.settle().readyAll();
        for (String image : List.of("nginx:2", "nginx:3", "nginx:4")) {
            setImage(image);
            while (!rolledOut(cluster.get("web"))) {
                cluster.readyAll();
            }
        }
        assertThat(replicaSets()).extracting(ReplicaSets::revision).containsExactly(3L, 4L);
    }

    @Test
    void restartAnnotationRollsOutANewReplicaSet() {
        cluster.deploy("web", 2, "nginx:1");
        cluster.settle().readyAll();
        cluster.update("web", d -> d.getSpec().getTemplate().getMetadata()
                .setAnnotations(Map.of("kubectl.kubernetes.io/restartedAt", "2026-01-01T00:00:00Z")));
        cluster.settle();
        while (!rolledOut(cluster.get("web"))) {
            cluster.readyAll();
        }
        assertThat(replicaSets()).hasSize(2);
        assertThat(cluster.activePods()).hasSize(2).allSatisfy(p ->
                assertThat(p.getMetadata().getAnnotations()).containsKey("kubectl.kubernetes.io/restartedAt"));
    }
}
