package dev.wharf.agent.http;

import dev.wharf.agent.AgentConfig;
import dev.wharf.agent.NodeAgent;
import dev.wharf.api.ApiException;
import dev.wharf.apiserver.ApiServer;
import dev.wharf.apiserver.ApiServerConfig;
import dev.wharf.apiserver.auth.TokenAuthenticator;
import dev.wharf.common.Clock;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controller.runtime.ApiClient.ListOptions;
import dev.wharf.controller.runtime.http.HttpApiClient;
import dev.wharf.controller.runtime.http.HttpApiClientConfig;
import dev.wharf.runtime.fake.FakeRuntime;
import dev.wharf.spi.image.InMemoryImageStore;
import dev.wharf.spi.store.MemoryStore;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The HTTP client against the real apiserver (here because controller-runtime cannot depend on apiserver). */
class HttpApiClientTest {
    ApiServer server;
    HttpApiClient client;

    @BeforeEach
    void start() throws Exception {
        server = new ApiServer(ApiServerConfig.defaults(new MemoryStore(), Clock.system(), new Random(1))
                .withAuthenticator(TokenAuthenticator.staticToken("s3cret", TokenAuthenticator.admin())));
        server.start();
        server.awaitReady(Duration.ofSeconds(10));
        client = new HttpApiClient(HttpApiClientConfig.plain(URI.create("http://127.0.0.1:" + server.port()), "s3cret"));
        client.create(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void crudWatchAndStatusErrors() {
        ConfigMap cm = client.create(new ConfigMapBuilder().withNewMetadata().withNamespace("default").withName("c1")
                .endMetadata().addToData("k", "v").build());
        assertThat(cm.getMetadata().getUid()).isNotEmpty();
        assertThat(client.get(ConfigMap.class, "default", "c1").getData()).containsEntry("k", "v");
        assertThat(client.get(ConfigMap.class, "default", "nope")).isNull();
        assertThatThrownBy(() -> client.create(cm)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(409);
            assertThat(e.reason()).isEqualTo("AlreadyExists");
        });
        List<String> seen = new CopyOnWriteArrayList<>();
        String rv = client.list(ConfigMap.class, ListOptions.in("default")).resourceVersion();
        ApiClient.WatchHandle w = client.watch(ConfigMap.class, ListOptions.in("default").fromVersion(rv),
                (type, obj) -> seen.add(type + " " + obj.getMetadata().getName()));
        cm.getData().put("k", "v2");
        cm.getMetadata().setResourceVersion(null);
        client.update(cm);
        client.patch(ConfigMap.class, "default", "c1", ApiClient.PatchType.MERGE, "{\"data\":{\"x\":\"y\"}}", null);
        assertThat(client.delete(ConfigMap.class, "default", "c1", ApiClient.DeleteOptions.DEFAULT)).isTrue();
        assertThat(client.delete(ConfigMap.class, "default", "c1", ApiClient.DeleteOptions.DEFAULT)).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() >= 3);
        assertThat(seen).containsExactly("MODIFIED c1", "MODIFIED c1", "DELETED c1");
        w.close();
        HttpApiClient anonymous = new HttpApiClient(HttpApiClientConfig.plain(URI.create("http://127.0.0.1:" + server.port()), "wrong"));
        assertThatThrownBy(() -> anonymous.list(ConfigMap.class, ListOptions.all()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(401));
    }

    @Test
    void anAgentJoinsOverHttpAndRunsAPod(@TempDir Path dir) throws Exception {
        joinAndRunAPod(client, dir);
    }

    @Test
    void anAgentRunsAPodThroughTheInProcessClient(@TempDir Path dir) throws Exception {
        joinAndRunAPod(server.client(), dir);
    }

    private void joinAndRunAPod(ApiClient client, Path dir) throws Exception {
        NodeAgent agent = new NodeAgent(AgentConfig.builder("remote-1", client, new FakeRuntime(dir.resolve("rt"), Clock.system()),
                new InMemoryImageStore(), dir.resolve("data")).zone("b").relistPeriod(Duration.ofMillis(20)).build());
        agent.start();
        try {
            Node node = client.get(Node.class, null, "remote-1");
            assertThat(node.getMetadata().getLabels()).containsEntry("topology.kubernetes.io/zone", "b");
            assertThat(node.getStatus().getConditions()).anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
            assertThat(client.get(Lease.class, "kube-node-lease", "remote-1")).isNotNull();
            client.create(new PodBuilder().withNewMetadata().withNamespace("default").withName("p").endMetadata()
                    .withNewSpec().withNodeName("remote-1").addNewContainer().withName("app").withImage("busybox")
                    .withCommand("sleep", "1").endContainer().endSpec().build());
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                Pod p = client.get(Pod.class, "default", "p");
                return p.getStatus() != null && "Running".equals(p.getStatus().getPhase());
            });
            client.delete(Pod.class, "default", "p", ApiClient.DeleteOptions.DEFAULT);
            await().atMost(Duration.ofSeconds(10)).until(() -> client.get(Pod.class, "default", "p") == null);
        } finally {
            agent.stop();
        }
    }

}
