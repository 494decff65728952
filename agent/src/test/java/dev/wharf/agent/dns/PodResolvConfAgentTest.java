package dev.wharf.agent.dns;

import dev.wharf.agent.AgentConfig;
import dev.wharf.agent.NodeAgent;
import dev.wharf.common.ManualClock;
import dev.wharf.controller.runtime.fake.FakeApiClient;
import dev.wharf.runtime.fake.FakeRuntime;
import dev.wharf.spi.image.InMemoryImageStore;
import dev.wharf.spi.runtime.Sandbox;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The agent hands the rendered resolv.conf to the runtime's sandbox, only with cluster DNS configured. */
class PodResolvConfAgentTest {
    @TempDir
    Path dir;

    private String sandboxResolvConf(UnaryOperator<AgentConfig.Builder> dns) throws Exception {
        ManualClock clock = new ManualClock();
        FakeApiClient api = new FakeApiClient(clock, new Random(42));
        api.create(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build());
        FakeRuntime runtime = new FakeRuntime(dir.resolve("runtime"), clock);
        NodeAgent agent = new NodeAgent(dns.apply(AgentConfig.builder("node-1", api, runtime,
                new InMemoryImageStore(), dir.resolve("data")).clock(clock).relistPeriod(Duration.ofMillis(10)))
                .build());
        agent.start();
        try {
            api.create(new PodBuilder().withNewMetadata().withNamespace("shop").withName("web").endMetadata()
                    .withNewSpec().withNodeName("node-1").addNewContainer().withName("app")
                    .withImage("busybox:latest").withCommand("sleep", "3600").endContainer().endSpec().build());
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                    .until(() -> !runtime.listSandboxes().isEmpty());
            List<Sandbox> sandboxes = runtime.listSandboxes();
            return sandboxes.getFirst().spec().resolvConf();
        } finally {
            agent.stop();
        }
    }

    @Test
    void clusterDnsServersGoIntoThePodsResolvConf() throws Exception {
        String conf = sandboxResolvConf(b -> b.clusterDns(List.of("100.64.0.10")).clusterDomain("wharf.local"));
        assertThat(conf).startsWith("nameserver 100.64.0.10\nsearch shop.svc.wharf.local svc.wharf.local wharf.local")
                .endsWith("options ndots:5\n");
    }

    @Test
    void withoutClusterDnsTheRuntimeDefaultStays() throws Exception {
        assertThat(sandboxResolvConf(b -> b)).isEmpty();
    }
}
