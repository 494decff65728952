package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.it.support.Kubectl;
import dev.wharf.it.support.WharfProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `wharf agent` joins a server over HTTPS as a node; the node goes NotReady when the agent dies. */
class AgentJoinIT {
    @TempDir
    Path tmp;

    @Test
    void anAgentJoinsOverHttpsAndIsMarkedNotReadyWhenItDies() throws Exception {
        try (WharfProcess wharf = WharfProcess.start(tmp.resolve("server"))) {
            Kubectl kubectl = Kubectl.dispatcher(wharf);
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.wharf.server.Main",
                    "agent", "--server", wharf.url(), "--token", wharf.adminToken(),
                    "--ca-file", wharf.dataDir().resolve("pki/ca.crt").toString(), "--name", "worker-1", "--zone", "z9",
                    "--labels", "disk=ssd", "--runtime", "fake", "--data-dir", tmp.resolve("agent").toString());
            Process agent = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("agent.log").toFile()).start();
            try {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(kubectl.run("get", "node", "worker-1", "-o",
                                "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}").stdout()).isEqualTo("True"));
                assertThat(kubectl.ok("get", "node", "worker-1", "-o", "jsonpath={.metadata.labels}"))
                        .contains("\"topology.kubernetes.io/zone\":\"z9\"", "\"disk\":\"ssd\"", "\"kubernetes.io/hostname\":\"worker-1\"");
                assertThat(kubectl.ok("get", "nodes", "-o", "wide")).contains("worker-1", "Ready", "fake://");

                kubectl.ok("run", "p", "--image=busybox:latest", "--restart=Never", "--overrides",
                        "{\"spec\":{\"nodeSelector\":{\"disk\":\"ssd\"}}}", "--", "sleep", "3600");
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(kubectl.ok("get", "pod", "p", "-o", "jsonpath={.spec.nodeName}")).isEqualTo("worker-1"));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(kubectl.ok("get", "events", "--field-selector", "involvedObject.name=p")).contains("Scheduled"));
            } finally {
                agent.destroyForcibly().waitFor();
            }
            // machine loss: the node lifecycle controller (5 s grace in dev) marks it NotReady and taints it
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(kubectl.run("get", "node", "worker-1", "-o",
                            "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}").stdout()).isEqualTo("Unknown"));
            assertThat(kubectl.ok("get", "node", "worker-1", "-o", "jsonpath={.spec.taints[*].key}"))
                    .contains("node.kubernetes.io/unreachable");
        }
    }
}
