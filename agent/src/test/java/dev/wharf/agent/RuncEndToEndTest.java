package dev.wharf.agent;

import dev.wharf.common.Clock;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controller.runtime.fake.FakeApiClient;
import dev.wharf.images.bootstrap.BootstrapImages;
import dev.wharf.images.registry.RegistryClient;
import dev.wharf.images.registry.RegistryOptions;
import dev.wharf.images.store.NodeImageStore;
import dev.wharf.runtime.RuntimeFactory;
import dev.wharf.runtime.runc.RuncConfig;
import dev.wharf.spi.runtime.ContainerRuntime;
import dev.wharf.testkit.runtime.Requirements;
import dev.wharf.testkit.runtime.TestImages;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real runc: the bootstrap busybox image, a pod serving HTTP on its own IP, Ready by an httpGet probe; an agent
 * restart re-adopts the container without restarting it; deletion stops it and removes the sandbox.
 * Skipped without root/runc/conmon/CNI plugins, failed under CI=true.
 */
class RuncEndToEndTest {
    private static final int NODE_INDEX = 203;

    @TempDir
    Path dir;

    @Test
    void aPodRunsUnderRuncAndSurvivesAnAgentRestart() throws Exception {
        Requirements.require(RuncConfig.forNode(NODE_INDEX).usable() && TestImages.busyboxAvailable(),
                "root with runc, conmon and the CNI plugins");
        NodeImageStore images = new NodeImageStore(dir.resolve("images"), new RegistryClient(RegistryOptions.defaults()));
        new BootstrapImages(dir.resolve("images"), images, BootstrapImages.Options.defaults()).busybox();
        FakeApiClient api = new FakeApiClient(Clock.system(), new Random(5)).gracefulPodDeletion(true);
        api.create(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build());
        Path root = dir.resolve("runtime");
        ContainerRuntime runtime = RuntimeFactory.create("runc", root, Clock.system(), NODE_INDEX);
        AgentConfig.Builder config = AgentConfig.builder("runc-1", api, runtime, images, dir.resolve("data"))
                .relistPeriod(Duration.ofMillis(50));
        NodeAgent agent = new NodeAgent(config.build());
        agent.start();
        try {
            api.create(new PodBuilder().withNewMetadata().withNamespace("default").withName("web").endMetadata()
                    .withNewSpec().withNodeName("runc-1").withTerminationGracePeriodSeconds(2L).addNewContainer()
                    .withName("httpd").withImage("busybox:latest").withImagePullPolicy("IfNotPresent")
                    .withCommand("sh", "-c", "mkdir -p /tmp/w && echo hello-runc > /tmp/w/index.html && exec httpd -f -p 8080 -h /tmp/w")
                    .withNewReadinessProbe().withNewHttpGet().withPath("/").withPort(new IntOrString(8080)).endHttpGet()
                    .withPeriodSeconds(1).endReadinessProbe()
                    .endContainer().endSpec().build());
            await().atMost(Duration.ofSeconds(30)).until(() -> AgentHarness.ready(api.get(Pod.class, "default", "web")));
            Pod pod = api.get(Pod.class, "default", "web");
            String ip = pod.getStatus().getPodIP();
            assertThat(ip).startsWith("100.96." + NODE_INDEX + ".");
            assertThat(AgentHarness.status(pod, "httpd").getContainerID()).startsWith("runc://");
            HttpResponse<String> resp = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(resp.body()).isEqualTo("hello-runc\n");
            String containerId = AgentHarness.status(pod, "httpd").getContainerID();

            agent.stop();
            runtime = RuntimeFactory.create("runc", root, Clock.system(), NODE_INDEX);
            agent = new NodeAgent(AgentConfig.builder("runc-1", api, runtime, images, dir.resolve("data"))
                    .relistPeriod(Duration.ofMillis(50)).build());
            agent.start();
            await().atMost(Duration.ofSeconds(10)).until(agent::idle);
            pod = api.get(Pod.class, "default", "web");
            assertThat(AgentHarness.status(pod, "httpd").getContainerID()).isEqualTo(containerId);
            assertThat(AgentHarness.status(pod, "httpd").getRestartCount()).isZero();
            assertThat(AgentHarness.ready(pod)).isTrue();

            api.delete(Pod.class, "default", "web", ApiClient.DeleteOptions.DEFAULT);
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get(Pod.class, "default", "web") == null);
            assertThat(runtime.list()).isEmpty();
            assertThat(runtime.listSandboxes()).isEmpty();
        } finally {
            agent.stop();
            agent.stopPods(Duration.ZERO);
            for (var sb : runtime.listSandboxes()) {
                runtime.stopSandbox(sb.id());
                runtime.removeSandbox(sb.id());
            }
        }
    }
}
