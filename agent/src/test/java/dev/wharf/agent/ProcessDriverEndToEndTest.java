package dev.wharf.agent;

import dev.wharf.common.Clock;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controller.runtime.fake.FakeApiClient;
import dev.wharf.runtime.process.ProcessRuntime;
import dev.wharf.spi.image.InMemoryImageStore;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real processes: a pod serves HTTP on its loopback IP, becomes Ready by an httpGet probe, and is deleted. */
class ProcessDriverEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aPodServesHttpOnItsLoopbackIpAndIsReadyByAnHttpProbe() throws Exception {
        boolean haveBusybox = Files.isExecutable(Path.of("/usr/bin/busybox")) || Files.isExecutable(Path.of("/bin/busybox"));
        if (!haveBusybox) {
            Assumptions.assumeTrue("true".equals(System.getenv("CI")), "busybox (httpd) is not installed");
            throw new AssertionError("busybox is required under CI=true");
        }
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "hello from wharf\n");
        FakeApiClient api = new FakeApiClient(Clock.system(), new Random(3)).gracefulPodDeletion(true);
        api.create(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build());
        ProcessRuntime runtime = new ProcessRuntime(dir.resolve("rt"), Clock.system(), 77);
        NodeAgent agent = new NodeAgent(AgentConfig.builder("proc-1", api, runtime, new InMemoryImageStore(), dir.resolve("data"))
                .relistPeriod(Duration.ofMillis(50)).build());
        agent.start();
        try {
            api.create(new PodBuilder().withNewMetadata().withNamespace("default").withName("web").endMetadata()
                    .withNewSpec().withNodeName("proc-1").withTerminationGracePeriodSeconds(2L).addNewContainer()
                    .withName("httpd").withImage("busybox:latest")
                    .withCommand("sh", "-c", "echo serving; exec busybox httpd -f -p $POD_IP:$PORT -h " + www)
                    .withNewReadinessProbe().withNewHttpGet().withPath("/").withPort(new IntOrString(8080)).endHttpGet()
                    .withPeriodSeconds(1).endReadinessProbe()
                    .endContainer().endSpec().build());
            await().atMost(Duration.ofSeconds(20)).until(() -> AgentHarness.ready(api.get(Pod.class, "default", "web")));
            String ip = api.get(Pod.class, "default", "web").getStatus().getPodIP();
            assertThat(ip).startsWith("127.77.");
            HttpResponse<String> resp = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(resp.body()).isEqualTo("hello from wharf\n");
            try (var in = agent.logs().open("default", "web", null, false, null, false, null, false)) {
                assertThat(new String(in.readAllBytes())).contains("serving");
            }
            api.delete(Pod.class, "default", "web", ApiClient.DeleteOptions.DEFAULT);
            await().atMost(Duration.ofSeconds(20)).until(() -> api.get(Pod.class, "default", "web") == null);
            assertThat(runtime.list()).isEmpty();
        } finally {
            agent.stop();
            agent.stopPods(Duration.ZERO);
        }
    }
}
