package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.wharf.it.support.WharfProcess;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second real client: fabric8's kubernetes-client, configured from Wharf's kubeconfig. */
class Fabric8ClientIT {
    @TempDir
    static Path tmp;
    static WharfProcess wharf;
    static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        wharf = WharfProcess.start(tmp.resolve("data"));
        Config config = Config.fromKubeconfig(Files.readString(wharf.kubeconfig()));
        client = new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (wharf != null) {
            wharf.close();
        }
    }

    static Deployment deployment(String name, String image, int replicas) {
        return new DeploymentBuilder().withNewMetadata().withName(name).addToLabels("app", name).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    @Test
    void crudWatchPatchScaleAndCascade() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        var watch = client.configMaps().inNamespace("default").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap cm) {
                events.add(action + " " + cm.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        try {
            ConfigMap cm = client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                    .withNewMetadata().withName("f8").addToLabels("client", "fabric8").endMetadata()
                    .addToData("k", "v").build()).create();
            assertThat(cm.getMetadata().getUid()).isNotBlank();
            assertThat(client.configMaps().inNamespace("default").withLabel("client", "fabric8").list().getItems()).hasSize(1);

            cm.getData().put("k", "v2");
            client.configMaps().inNamespace("default").resource(cm).update();
            // the object we hold is now stale: a second update is a conflict
            cm.getData().put("k", "v3");
            assertThatThrownBy(() -> client.configMaps().inNamespace("default").resource(cm).update())
                    .isInstanceOf(KubernetesClientException.class)
                    .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(409));

            client.configMaps().inNamespace("default").withName("f8")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"m\":\"1\"}}");
            assertThat(client.configMaps().inNamespace("default").withName("f8").get().getData()).containsEntry("m", "1");
            client.configMaps().inNamespace("default").withName("f8").delete();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(events).contains("ADDED f8", "MODIFIED f8", "DELETED f8"));
        } finally {
            watch.close();
        }

        client.apps().deployments().inNamespace("default").resource(deployment("app", "busybox:1", 2)).create();
        client.apps().deployments().inNamespace("default").withName("app").scale(5);
        assertThat(client.apps().deployments().inNamespace("default").withName("app").get().getSpec().getReplicas()).isEqualTo(5);
        client.apps().deployments().inNamespace("default").resource(deployment("app", "busybox:2", 5))
                .fieldManager("f8").forceConflicts().serverSideApply();
        assertThat(client.apps().deployments().inNamespace("default").withName("app").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("busybox:2");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !client.apps().replicaSets().inNamespace("default").withLabel("app", "app").list().getItems().isEmpty());
        client.apps().deployments().inNamespace("default").withName("app").delete();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                client.apps().replicaSets().inNamespace("default").withLabel("app", "app").list().getItems().isEmpty());
    }

    @Test
    void invalidObjectIs422WithFieldCauses() {
        Deployment bad = deployment("Bad_Name", "", -1);
        assertThatThrownBy(() -> client.apps().deployments().inNamespace("default").resource(bad).create())
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> {
                    KubernetesClientException k = (KubernetesClientException) e;
                    assertThat(k.getCode()).isEqualTo(422);
                    assertThat(k.getStatus().getDetails().getCauses()).extracting(c -> c.getField())
                            .contains("metadata.name", "spec.replicas", "spec.template.spec.containers[0].image");
                });
        assertThat(client.apps().deployments().inNamespace("default").withName("Bad_Name").get()).isNull();
    }

    @Test
    void namespacesAndLabelsAcrossNamespaces() {
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName("f8-ns").endMetadata().build()).create();
        client.configMaps().inNamespace("f8-ns").resource(new ConfigMapBuilder().withNewMetadata().withName("a")
                .withLabels(Map.of("x", "y")).endMetadata().build()).create();
        assertThat(client.configMaps().inAnyNamespace().withLabel("x", "y").list().getItems())
                .extracting(c -> c.getMetadata().getNamespace()).containsExactly("f8-ns");
        client.namespaces().withName("f8-ns").delete();
        await().atMost(Duration.ofSeconds(20)).until(() -> client.namespaces().withName("f8-ns").get() == null);
    }
}
