package dev.wharf.controllers.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.controller.runtime.ApiClient.DeleteOptions;
import dev.wharf.controller.runtime.ApiClient.ListOptions;
import dev.wharf.controllers.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GarbageCollectorTest {
    final TestCluster cluster = new TestCluster();
    final List<String> deleted = new ArrayList<>();

    @BeforeEach
    void deployAndRecordDeletions() {
        cluster.deploy("web", 2, "nginx:1");
        cluster.settle();
        String from = Long.toString(cluster.api.revision());
        for (Class<? extends HasMetadata> type : List.of(Deployment.class, ReplicaSet.class, Pod.class)) {
            cluster.api.watch(type, ListOptions.all().fromVersion(from), (event, o) -> {
                if (event == dev.wharf.controller.runtime.ApiClient.EventType.DELETED) {
                    deleted.add(o.getKind());
                }
            });
        }
    }

    int count(Class<? extends HasMetadata> type) {
        return cluster.api.list(type, ListOptions.in("default")).items().size();
    }

    @Test
    void backgroundDeletesTheOwnerAtOnceThenItsDependents() {
        cluster.api.delete(Deployment.class, "default", "web", DeleteOptions.background());
        cluster.settle();
        assertThat(count(Deployment.class) + count(ReplicaSet.class) + count(Pod.class)).isZero();
        assertThat(deleted).containsExactly("Deployment", "ReplicaSet", "Pod", "Pod");
    }

    @Test
    void foregroundDeletesDependentsFirstThenTheOwner() {
        cluster.api.delete(Deployment.class, "default", "web", new DeleteOptions("Foreground", null, null, null));
        Deployment waiting = cluster.api.get(Deployment.class, "default", "web");
        assertThat(waiting.getMetadata().getFinalizers()).containsExactly("foregroundDeletion");
        assertThat(waiting.getMetadata().getDeletionTimestamp()).isNotNull();
        cluster.settle();
        assertThat(count(Deployment.class) + count(ReplicaSet.class) + count(Pod.class)).isZero();
        assertThat(deleted).containsExactly("Pod", "Pod", "ReplicaSet", "Deployment");
    }

    @Test
    void foregroundWaitsForABlockingDependentHeldByItsOwnFinalizer() {
        Pod pod = cluster.pods().get(0);
        pod.getMetadata().setFinalizers(List.of("example.com/hold"));
        cluster.api.update(pod);
        cluster.api.delete(Deployment.class, "default", "web", new DeleteOptions("Foreground", null, null, null));
        cluster.settle();
        assertThat(count(Deployment.class)).as("owner waits").isEqualTo(1);
        assertThat(count(ReplicaSet.class)).isEqualTo(1);
        Pod held = cluster.api.get(Pod.class, "default", pod.getMetadata().getName());
        held.getMetadata().setFinalizers(List.of());
        cluster.api.update(held);
        cluster.settle();
        assertThat(count(Deployment.class) + count(ReplicaSet.class) + count(Pod.class)).isZero();
    }

    @Test
    void orphanRemovesOwnerReferencesAndKeepsDependents() {
        cluster.api.delete(Deployment.class, "default", "web", new DeleteOptions("Orphan", null, null, null));
        cluster.settle();
        assertThat(count(Deployment.class)).isZero();
        List<ReplicaSet> sets = cluster.api.list(ReplicaSet.class, ListOptions.in("default")).items();
        assertThat(sets).singleElement().satisfies(rs -> assertThat(rs.getMetadata().getOwnerReferences()).isEmpty());
        assertThat(count(Pod.class)).isEqualTo(2);
    }

    @Test
    void anOrphanedReplicaSetIsAdoptedByARecreatedDeploymentWithoutNewPods() {
        List<String> podNames = cluster.pods().stream().map(p -> p.getMetadata().getName()).sorted().toList();
        cluster.api.delete(Deployment.class, "default", "web", new DeleteOptions("Orphan", null, null, null));
        cluster.settle();
        Deployment again = cluster.deploy("web", 2, "nginx:1");
        cluster.settle();
        List<ReplicaSet> sets = cluster.api.list(ReplicaSet.class, ListOptions.in("default")).items();
        assertThat(sets).singleElement().satisfies(rs -> assertThat(rs.getMetadata().getOwnerReferences())
                .singleElement().satisfies(ref -> assertThat(ref.getUid()).isEqualTo(again.getMetadata().getUid())));
        assertThat(cluster.pods().stream().map(p -> p.getMetadata().getName()).sorted().toList()).isEqualTo(podNames);
    }

    @Test
    void worksForAnyKindAndKeepsDependentsWithAnotherLiveOwner() {
        Secret a = cluster.api.create(new SecretBuilder().withNewMetadata().withNamespace("default").withName("a").endMetadata().build());
        Secret b = cluster.api.create(new SecretBuilder().withNewMetadata().withNamespace("default").withName("b").endMetadata().build());
        cluster.api.create(configMap("only-a", a));
        cluster.api.create(configMap("a-and-b", a, b));
        cluster.settle();
        cluster.api.delete(Secret.class, "default", "a", DeleteOptions.background());
        cluster.settle();
        assertThat(cluster.api.get(ConfigMap.class, "default", "only-a")).isNull();
        ConfigMap shared = cluster.api.get(ConfigMap.class, "default", "a-and-b");
        assertThat(shared.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(ref -> assertThat(ref.getName()).isEqualTo("b"));
    }

    @Test
    void dependentOfAnOwnerThatNeverExistedIsCollected() {
        cluster.api.create(new ConfigMapBuilder().withNewMetadata().withNamespace("default").withName("stray")
                .addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Secret")
                        .withName("ghost").withUid("00000000-0000-0000-0000-000000000000").build())
                .endMetadata().build());
        cluster.settle();
        assertThat(cluster.api.get(ConfigMap.class, "default", "stray")).isNull();
    }

    private static ConfigMap configMap(String name, Secret... owners) {
        ConfigMapBuilder b = new ConfigMapBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata();
        for (Secret o : owners) {
            b.editMetadata().addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Secret")
                    .withName(o.getMetadata().getName()).withUid(o.getMetadata().getUid()).build()).endMetadata();
        }
        return b.build();
    }
}
