package dev.wharf.agent;

import dev.wharf.agent.node.NodeHeartbeat;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NodeRegistrationTest {
    @TempDir
    Path dir;

    @Test
    void registersTheNodeAndHeartbeatsOnTheClock() throws Exception {
        try (AgentHarness h = new AgentHarness(dir)) {
            h.agent = new NodeAgent(h.config(h.runtime).labels(Map.of("tier", "gold")).capacity("pods", "50").build());
            h.agent.start();
            Node n = h.api.get(Node.class, null, AgentHarness.NODE);
            assertThat(n.getMetadata().getLabels()).containsEntry("kubernetes.io/hostname", "node-1")
                    .containsEntry("kubernetes.io/os", "linux").containsEntry("kubernetes.io/arch", "amd64")
                    .containsEntry("topology.kubernetes.io/zone", "a").containsEntry("topology.kubernetes.io/region", "r1")
                    .containsEntry("tier", "gold");
            assertThat(n.getStatus().getCapacity().get("pods").toString()).isEqualTo("50");
            assertThat(n.getStatus().getAllocatable()).containsKeys("cpu", "memory", "pods", "ephemeral-storage");
            assertThat(n.getStatus().getNodeInfo().getContainerRuntimeVersion()).isEqualTo("fake://");
            assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.32.0-wharf");
            assertThat(n.getStatus().getAddresses()).extracting(a -> a.getType()).containsExactly("InternalIP", "Hostname");
            assertThat(n.getSpec().getPodCIDR()).isEqualTo("100.96.1.0/24");
            assertThat(n.getStatus().getConditions()).extracting(NodeCondition::getType)
                    .containsExactly("MemoryPressure", "DiskPressure", "PIDPressure", "Ready");
            Lease lease = h.api.get(Lease.class, NodeHeartbeat.LEASE_NAMESPACE, "node-1");
            assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("node-1");
            var first = NodeHeartbeat.renewTime(lease);
            String firstHeartbeat = ready(n).getLastHeartbeatTime();

            h.agent.stop(); // drive the heartbeats by hand from here on
            h.clock.advance(Duration.ofSeconds(1));
            h.agent.heartbeatNow();
            var second = NodeHeartbeat.renewTime(h.api.get(Lease.class, NodeHeartbeat.LEASE_NAMESPACE, "node-1"));
            assertThat(Duration.between(first, second)).isEqualTo(Duration.ofSeconds(1));
            assertThat(ready(h.api.get(Node.class, null, "node-1")).getLastHeartbeatTime()).isEqualTo(firstHeartbeat);
            h.images.pull(dev.wharf.spi.image.ImageRef.parse("busybox:latest"), dev.wharf.spi.image.PullPolicy.ALWAYS,
                    java.util.List.of(), dev.wharf.spi.image.PullListener.NONE);
            h.clock.advance(Duration.ofSeconds(10));
            h.agent.heartbeatNow();
            NodeCondition r = ready(h.api.get(Node.class, null, "node-1"));
            assertThat(h.api.get(Node.class, null, "node-1").getStatus().getImages())
                    .anyMatch(i -> i.getNames().contains("docker.io/library/busybox:latest") && i.getSizeBytes() == 1024);
            assertThat(r.getLastHeartbeatTime()).isNotEqualTo(firstHeartbeat);
            assertThat(r.getLastTransitionTime()).isEqualTo(ready(n).getLastTransitionTime());
        }
    }

    private static NodeCondition ready(Node n) {
        return n.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
    }
}
