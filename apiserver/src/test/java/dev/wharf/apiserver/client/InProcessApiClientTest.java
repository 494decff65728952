package dev.wharf.apiserver.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.api.ApiException;
import dev.wharf.apiserver.ApiFixture;
import dev.wharf.controller.runtime.ApiClient;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InProcessApiClientTest {
    private final ApiFixture api = new ApiFixture();
    private final ApiClient client = api.server.client();

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void typedCrudGoesThroughTheSameChecksAsHttp() {
        ConfigMap created = client.create(new ConfigMapBuilder().withNewMetadata().withName("a").withNamespace("default")
                .endMetadata().addToData("k", "v").build());
        assertThat(created.getMetadata().getUid()).isNotEmpty();
        assertThat(client.get(ConfigMap.class, "default", "a").getData()).containsEntry("k", "v");
        created.getData().put("k", "w");
        ConfigMap updated = client.update(created);
        assertThat(updated.getMetadata().getResourceVersion()).isNotEqualTo(created.getMetadata().getResourceVersion());
        assertThatThrownBy(() -> client.update(created)).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(409));
        assertThat(client.list(ConfigMap.class, ApiClient.ListOptions.in("default")).items()).hasSize(1);
        assertThat(client.delete(ConfigMap.class, "default", "a", ApiClient.DeleteOptions.DEFAULT)).isTrue();
        assertThat(client.delete(ConfigMap.class, "default", "a", ApiClient.DeleteOptions.DEFAULT)).isFalse();
        assertThat(client.get(ConfigMap.class, "default", "a")).isNull();
    }

    @Test
    void defaultingAndValidationApply() {
        Pod pod = client.create(new PodBuilder().withNewMetadata().withName("p").withNamespace("default").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer().endSpec().build());
        assertThat(pod.getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("Always");
        assertThatThrownBy(() -> client.create(new PodBuilder().withNewMetadata().withName("Bad_Name").withNamespace("default")
                .endMetadata().withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer().endSpec().build()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(422));
    }

    @Test
    void statusUpdatesAndPatches() {
        client.create(new PodBuilder().withNewMetadata().withName("p").withNamespace("default").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("nginx:1").endContainer().endSpec().build());
        Pod pod = client.get(Pod.class, "default", "p");
        pod.getStatus().setPhase("Running");
        assertThat(client.updateStatus(pod).getStatus().getPhase()).isEqualTo("Running");
        Pod labelled = client.patch(Pod.class, "default", "p", ApiClient.PatchType.MERGE, "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}", null);
        assertThat(labelled.getMetadata().getLabels()).containsEntry("x", "y");
        assertThat(labelled.getStatus().getPhase()).isEqualTo("Running");
    }

    @Test
    void watchDeliversTypedEvents() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        try (ApiClient.WatchHandle h = client.watch(ConfigMap.class, ApiClient.ListOptions.in("default"),
                (type, cm) -> events.add(type + " " + cm.getMetadata().getName()))) {
            client.create(new ConfigMapBuilder().withNewMetadata().withName("w").withNamespace("default").endMetadata().build());
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("ADDED w");
            client.delete(ConfigMap.class, "default", "w", ApiClient.DeleteOptions.DEFAULT);
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("DELETED w");
        }
    }

    @Test
    void namespaceFinalizePatchRemovesATerminatingNamespace() {
        client.create(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("gone").endMetadata().build());
        assertThat(client.delete(io.fabric8.kubernetes.api.model.Namespace.class, null, "gone", ApiClient.DeleteOptions.DEFAULT)).isTrue();
        io.fabric8.kubernetes.api.model.Namespace terminating = client.get(io.fabric8.kubernetes.api.model.Namespace.class, null, "gone");
        assertThat(terminating.getStatus().getPhase()).isEqualTo("Terminating");
        assertThat(terminating.getSpec().getFinalizers()).containsExactly("kubernetes");
        client.patch(io.fabric8.kubernetes.api.model.Namespace.class, null, "gone", ApiClient.PatchType.MERGE,
                "{\"spec\":{\"finalizers\":[]}}", "finalize");
        assertThat(client.get(io.fabric8.kubernetes.api.model.Namespace.class, null, "gone")).isNull();
    }
}
