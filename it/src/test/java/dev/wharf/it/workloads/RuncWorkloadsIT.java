package dev.wharf.it.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.it.support.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Every scenario with real runc containers (CNI pod IPs, cgroup limits), plus the ones only isolation makes
 * possible: one replica per zone, OOMKilled, drain and machine loss. Needs root, runc, conmon and the CNI plugins.
 */
class RuncWorkloadsIT extends WorkloadScenarios {
    private Path runc;

    @Override
    String runtime() {
        return "runc";
    }

    @Override
    void requireDriver() {
        if (!isRoot()) {
            String why = "the runc driver needs root";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        runc = Tools.require("runc");
        Tools.require("conmon");
        Tools.require("/usr/lib/cni/bridge");
    }

    @Override
    String podIpPrefix() {
        return "100.96.";
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    @Override
    boolean spreadOverZones() {
        return true;
    }

    @Test
    @Order(45)
    void memoryHogIsOomKilled() throws Exception {
        // three at once: a status read while the first ones start once cached "not OOM" too early (now fixed)
        String ns = cluster.namespace("oom");
        for (int i = 1; i <= 3; i++) {
            cluster.apply(ns, Manifests.pod("hog" + i, "Never", "head -c 200m /dev/zero | tail",
                    "resources: {limits: {memory: 32Mi}}"));
        }
        for (int i = 1; i <= 3; i++) {
            String name = "hog" + i;
            await().atMost(Duration.ofSeconds(40)).until(() -> cluster.pod(ns, name).at("/status/containerStatuses/0/state/terminated").isObject());
            JsonNode p = cluster.pod(ns, name);
            JsonNode terminated = p.at("/status/containerStatuses/0/state/terminated");
            log("memory hog %s ended: %s", name, terminated);
            assertThat(terminated.path("reason").asText()).isEqualTo("OOMKilled");
            assertThat(terminated.path("exitCode").asInt()).isEqualTo(137);
            assertThat(p.at("/status/phase").asText()).isEqualTo("Failed");
        }
    }

    @Test
    @Order(70)
    void drainMovesPodsElsewhere() throws Exception {
        String ns = cluster.namespace("drain");
        cluster.apply(ns, Manifests.httpd("movers", 3, "", "", "1"));
        kubectl.ok("-n", ns, "wait", "--for=condition=Available", "deploy/movers", "--timeout=55s");
        String node = cluster.readyPods(ns, "app=movers").get(0).at("/spec/nodeName").asText();
        long t0 = System.nanoTime();
        String out = kubectl.ok("drain", node, "--ignore-daemonsets", "--delete-emptydir-data", "--force", "--timeout=50s");
        assertThat(out).contains("node/" + node + " cordoned").contains("evicting pod " + ns + "/movers-").contains("drained");
        assertThat(kubectl.ok("get", "node", node, "-o", "jsonpath={.spec.unschedulable}")).isEqualTo("true");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<JsonNode> ready = cluster.readyPods(ns, "app=movers");
            assertThat(ready).hasSize(3);
            assertThat(ready).noneSatisfy(pod -> assertThat(pod.at("/spec/nodeName").asText()).isEqualTo(node));
        });
        log("drain of %s: 3 movers ready elsewhere after %d ms", node, (System.nanoTime() - t0) / 1_000_000);
        assertThat(kubectl.ok("get", "pods", "-A", "--field-selector", "spec.nodeName=" + node, "-o", "name")).isBlank();
        kubectl.ok("uncordon", node);
        assertThat(kubectl.ok("get", "node", node, "-o", "jsonpath={.spec.unschedulable}")).isNotEqualTo("true");
    }

    @Test
    @Order(80)
    void machineLossGetsReplacementsRunningElsewhereWithinTenSeconds() throws Exception {
        String ns = cluster.namespace("loss");
        cluster.apply(ns, Manifests.httpd("survivor", 3, "", "", "1"));
        kubectl.ok("-n", ns, "wait", "--for=condition=Available", "deploy/survivor", "--timeout=55s");
        List<JsonNode> before = cluster.readyPods(ns, "app=survivor");
        String node = before.get(0).at("/spec/nodeName").asText();
        Set<String> lost = before.stream().filter(p -> p.at("/spec/nodeName").asText().equals(node))
                .map(p -> p.at("/metadata/name").asText()).collect(Collectors.toSet());
        List<String> lostUids = before.stream().filter(p -> p.at("/spec/nodeName").asText().equals(node))
                .map(p -> p.at("/metadata/uid").asText().substring(0, 8) + "-web").toList();

        Path runcRoot = cluster.wharf.dataDir().resolve("nodes").resolve(node).resolve("runtime").resolve("runc");
        long k0 = System.nanoTime();
        for (String id : run(runc.toString(), "--root", runcRoot.toString(), "list", "-q").lines().filter(l -> !l.isBlank()).toList()) {
            run(runc.toString(), "--root", runcRoot.toString(), "kill", id, "KILL");
        }
        // `wharf dev` cannot stop one in-process agent's heartbeat, and deleting the Node of a live agent is undone
        // by its next status update (it registers again). So the machine's loss is what the node lifecycle
        // controller makes of an unreachable node: a NoExecute taint that evicts the pods at once.
        long killMs = (System.nanoTime() - k0) / 1_000_000;
        long t0 = System.nanoTime();
        kubectl.ok("taint", "node", node, "wharf.dev/machine=lost:NoExecute");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<JsonNode> ready = cluster.readyPods(ns, "app=survivor");
            assertThat(ready).hasSize(3);
            assertThat(ready).allSatisfy(p -> {
                assertThat(p.at("/spec/nodeName").asText()).isNotEqualTo(node);
                assertThat(p.at("/status/phase").asText()).isEqualTo("Running");
                assertThat(lost).doesNotContain(p.at("/metadata/name").asText());
            });
        });
        log("machine loss of %s (%s): containers killed in %d ms, replacements Running elsewhere %d ms after the taint", node, lost,
                killMs, (System.nanoTime() - t0) / 1_000_000);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(run(runc.toString(), "--root", runcRoot.toString(), "list", "-q"))
                .as("the evicted pods' containers are removed").doesNotContain(lostUids.toArray(String[]::new)));
        kubectl.ok("taint", "node", node, "wharf.dev/machine=lost:NoExecute-");
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }
}
