package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.images.bootstrap.BootstrapImages;
import dev.wharf.images.registry.RegistryClient;
import dev.wharf.images.registry.RegistryOptions;
import dev.wharf.images.store.NodeImageStore;
import dev.wharf.it.support.Kubectl;
import dev.wharf.it.support.Tools;
import dev.wharf.it.support.WharfProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A `wharf agent` that restarts re-adopts its running containers: no container restarts, same container id,
 * same pod IP, and the pod keeps answering.
 */
class AgentRestartIT {
    @TempDir
    Path tmp;

    private Process startAgent(WharfProcess wharf, Path agentDir, Path log) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.wharf.server.Main",
                "agent", "--server", wharf.url(), "--token", wharf.adminToken(),
                "--ca-file", wharf.dataDir().resolve("pki/ca.crt").toString(), "--name", "worker-r", "--zone", "r",
                "--runtime", "runc", "--node-index", "240", "--data-dir", agentDir.toString());
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void restartingTheAgentRestartsNoContainer() throws Exception {
        Tools.require("runc");
        Tools.require("conmon");
        Tools.requireRoot();
        Path agentDir = tmp.resolve("agent");
        NodeImageStore images = new NodeImageStore(agentDir.resolve("images"), new RegistryClient(RegistryOptions.defaults()));
        new BootstrapImages(agentDir.resolve("images"), images, BootstrapImages.Options.defaults()).busybox();

        try (WharfProcess wharf = WharfProcess.start(tmp.resolve("server"))) {
            Kubectl kubectl = Kubectl.dispatcher(wharf);
            Process agent = startAgent(wharf, agentDir, tmp.resolve("agent-1.log"));
            try {
                kubectl.ok("run", "keep", "--image=busybox:latest", "--restart=Never", "--", "sh", "-c",
                        "mkdir -p /www && echo kept > /www/index.html && exec httpd -f -p 8080 -h /www");
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(kubectl.ok("get", "pod", "keep", "-o", "jsonpath={.status.containerStatuses[0].ready}")).isEqualTo("true"));
                String before = kubectl.ok("get", "pod", "keep", "-o",
                        "jsonpath={.status.podIP} {.status.containerStatuses[0].containerID} {.status.containerStatuses[0].restartCount}");
                String ip = before.split(" ")[0];
                assertThat(get(ip)).isEqualTo("kept\n");

                agent.destroy(); // SIGTERM: the agent stops, its containers keep running
                agent.waitFor();
                assertThat(get(ip)).as("the pod serves while no agent runs").isEqualTo("kept\n");

                agent = startAgent(wharf, agentDir, tmp.resolve("agent-2.log"));
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(kubectl.ok("get", "node", "worker-r", "-o",
                        "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}")).isEqualTo("True"));
                Thread.sleep(3000); // a few sync rounds of the new agent
                String after = kubectl.ok("get", "pod", "keep", "-o",
                        "jsonpath={.status.podIP} {.status.containerStatuses[0].containerID} {.status.containerStatuses[0].restartCount}");
                assertThat(after).isEqualTo(before);
                assertThat(after).endsWith(" 0");
                assertThat(get(ip)).isEqualTo("kept\n");
                kubectl.ok("delete", "pod", "keep", "--grace-period=1", "--wait=false");
                await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("get", "pod", "keep").exitCode() != 0);
            } finally {
                agent.destroy();
                agent.waitFor();
                cleanUp(agentDir);
            }
        }
    }

    private static String get(String ip) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The agent leaves containers running by design: remove what the test made. */
    private static void cleanUp(Path agentDir) throws Exception {
        String root = agentDir.resolve("runtime/runc").toString();
        Process list = new ProcessBuilder("runc", "--root", root, "list", "-q").start();
        for (String id : new String(list.getInputStream().readAllBytes()).trim().split("\\s+")) {
            if (!id.isBlank()) {
                new ProcessBuilder("runc", "--root", root, "delete", "-f", id).start().waitFor();
            }
        }
    }
}
