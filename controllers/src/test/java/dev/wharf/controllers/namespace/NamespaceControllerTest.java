package dev.wharf.controllers.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.controller.runtime.ApiClient.DeleteOptions;
import dev.wharf.controller.runtime.ApiClient.ListOptions;
import dev.wharf.controllers.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamespaceControllerTest {
    final TestCluster cluster = new TestCluster();

    @Test
    void deletingANamespaceEmptiesItThenRemovesIt() {
        cluster.api.create(new NamespaceBuilder().withNewMetadata().withName("demo").endMetadata().build());
        Deployment d = TestCluster.deployment("web", 2, "nginx:1");
        d.getMetadata().setNamespace("demo");
        cluster.api.create(d);
        cluster.api.create(new ConfigMapBuilder().withNewMetadata().withNamespace("demo").withName("held")
                .withFinalizers("example.com/hold").endMetadata().build());
        cluster.api.create(new ConfigMapBuilder().withNewMetadata().withNamespace("default").withName("elsewhere").endMetadata().build());
        cluster.settle();
        assertThat(cluster.api.list(Pod.class, ListOptions.in("demo")).items()).hasSize(2);

        cluster.api.delete(Namespace.class, null, "demo", DeleteOptions.background());
        cluster.settle();
        assertThat(cluster.api.get(Namespace.class, null, "demo").getStatus().getPhase()).isEqualTo("Terminating");
        assertThat(cluster.api.list(Deployment.class, ListOptions.in("demo")).items()).isEmpty();
        assertThat(cluster.api.list(ReplicaSet.class, ListOptions.in("demo")).items()).isEmpty();
        assertThat(cluster.api.list(Pod.class, ListOptions.in("demo")).items()).isEmpty();
        assertThat(cluster.api.list(ConfigMap.class, ListOptions.in("demo")).items()).as("waits for its finalizer")
                .singleElement().satisfies(c -> assertThat(c.getMetadata().getDeletionTimestamp()).isNotNull());

        ConfigMap held = cluster.api.get(ConfigMap.class, "demo", "held");
        held.getMetadata().setFinalizers(List.of());
        cluster.api.update(held);
        cluster.advance(Duration.ofSeconds(3));
        assertThat(cluster.api.get(Namespace.class, null, "demo")).isNull();
        assertThat(cluster.api.get(ConfigMap.class, "default", "elsewhere")).isNotNull();
    }
}
