package dev.wharf.gateway.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.common.ManualClock;
import dev.wharf.controller.runtime.fake.FakeApiClient;
import dev.wharf.gateway.model.GatewayConfig;
import dev.wharf.gateway.vip.VirtualIps;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatewaySyncTest {
    private final FakeApiClient api = new FakeApiClient(new ManualClock(Instant.parse("2026-01-01T00:00:00Z")), new Random(1));
    private final List<GatewayConfig> applied = new CopyOnWriteArrayList<>();
    private final GatewaySync sync = new GatewaySync(api, GatewaySettings.dev(0, 0, false), VirtualIps.NONE, Set.of(),
            applied::add);

    @AfterEach
    void stop() {
        sync.close();
    }

    @Test
    void aNewServiceReachesTheDataPath() {
        sync.start();
        api.create(new ServiceBuilder().withNewMetadata().withName("web").withNamespace("d").endMetadata()
                .withNewSpec().withType("NodePort").addNewPort().withPort(80).withNodePort(30080).endPort().endSpec().build());
        await().atMost(Duration.ofSeconds(5)).until(() -> !applied.isEmpty()
                && applied.getLast().clusters().containsKey("d/web:80"));
    }

    @Test
    void nodeHeartbeatsDoNotRebuildButANewPodCidrOrZoneDoes() throws Exception {
        api.create(new NodeBuilder().withNewMetadata().withName("n1").addToLabels(PodCidrZones.ZONE_LABEL, "a")
                .endMetadata().withNewSpec().withPodCIDR("100.96.1.0/24").endSpec().build());
        sync.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> !applied.isEmpty());
        Thread.sleep(100); // let the start's own rebuilds settle
        int before = applied.size();
        for (int i = 0; i < 5; i++) {
            Node n = api.get(Node.class, null, "n1");
            n.getMetadata().getAnnotations().put("heartbeat", String.valueOf(i));
            api.update(n);
        }
        Thread.sleep(300);
        assertThat(applied).as("rebuilds after 5 heartbeats").hasSize(before);
        Node n = api.get(Node.class, null, "n1");
        n.getMetadata().getLabels().put(PodCidrZones.ZONE_LABEL, "b");
        api.update(n);
        await().atMost(Duration.ofSeconds(5)).until(() -> applied.size() > before);
    }
}
