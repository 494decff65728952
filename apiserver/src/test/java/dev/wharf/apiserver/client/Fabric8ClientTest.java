package dev.wharf.apiserver.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.apiserver.ApiFixture;
import dev.wharf.apiserver.HttpsFixture;
import dev.wharf.common.Json;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fabric8's kubernetes-client (JDK HTTP client) over HTTPS: a second real client of the wire protocol. */
class Fabric8ClientTest {
    @TempDir
    static Path dir;
    static HttpsFixture http;
    static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        http = new HttpsFixture(dir);
        Config config = new ConfigBuilder().withMasterUrl(http.url("")).withOauthToken(HttpsFixture.TOKEN)
                .withCaCertData(Base64.getEncoder().encodeToString(http.certs.certificatePem().getBytes(StandardCharsets.UTF_8)))
                .withNamespace("default").withRequestRetryBackoffLimit(0).build();
        client = new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        http.close();
    }

    @Test
    void crudPatchApplyAndWatch() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        try (Watch w = client.configMaps().inNamespace("default").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap cm) {
                events.add(action + " " + cm.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            ConfigMap created = client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("f8").addToLabels("app", "f8").endMetadata().addToData("a", "1").build()).create();
            assertThat(created.getMetadata().getUid()).isNotEmpty();
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("ADDED f8");
            ConfigMap edited = client.configMaps().inNamespace("default").withName("f8").edit(cm -> {
                cm.getData().put("b", "2");
                return cm;
            });
            assertThat(edited.getData()).containsEntry("b", "2");
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("MODIFIED f8");
            assertThat(client.configMaps().inNamespace("default").withLabel("app", "f8").list().getItems()).hasSize(1);
            ConfigMap applied = client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("f8-ssa").endMetadata().addToData("x", "y").build()).fieldManager("f8").forceConflicts().serverSideApply();
            assertThat(applied.getData()).containsEntry("x", "y");
            assertThat(client.configMaps().inNamespace("default").withName("f8").delete()).hasSize(1);
            assertThat(events.poll(10, TimeUnit.SECONDS)).isIn("ADDED f8-ssa", "DELETED f8");
        }
    }

    @Test
    void deploymentScale() {
        Deployment d = Json.convert(ApiFixture.deployment("default", "f8-web", 1), Deployment.class);
        client.apps().deployments().inNamespace("default").resource(d).create();
        client.apps().deployments().inNamespace("default").withName("f8-web").scale(4);
        assertThat(client.apps().deployments().inNamespace("default").withName("f8-web").get().getSpec().getReplicas()).isEqualTo(4);
    }
}
