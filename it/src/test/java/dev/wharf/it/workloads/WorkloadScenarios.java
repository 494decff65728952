package dev.wharf.it.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.it.support.Kubectl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The scenarios every driver must pass on `wharf dev --nodes 3 --zones a,b,c`: one server per class, one
 * namespace per test. The crash-loop pod starts with the server so its back-off (10 s, 20 s, ...) runs while the
 * other scenarios do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class WorkloadScenarios {
    /** Not a @TempDir: JUnit warns about each of busybox's hundreds of symlinks in the image layers. */
    Path tmp;
    Cluster cluster;
    Kubectl kubectl;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private long classStart;

    /** The `--runtime` of the nodes. */
    abstract String runtime();

    /** Checks (skip or, under CI=true, fail) that the driver can run here. */
    abstract void requireDriver();

    /** How every pod IP of this driver starts (runc: the node's CNI subnet; process: a loopback address). */
    abstract String podIpPrefix();

    /** Whether the scheduler can put one replica per zone for the reachability scenario. */
    abstract boolean spreadOverZones();

    @BeforeAll
    void startCluster() throws Exception {
        requireDriver();
        classStart = System.nanoTime();
        tmp = Files.createTempDirectory("wharf-e2e-" + runtime());
        cluster = Cluster.start(tmp.resolve("data"), runtime());
        kubectl = cluster.kubectl;
        assertThat(kubectl.ok("get", "nodes", "-o", "jsonpath={.items[*].status.nodeInfo.containerRuntimeVersion}")).contains(runtime());
        cluster.namespace("crash");
        cluster.apply("crash", Manifests.pod("crash", "Always", "echo crashing; exit 1", ""));
        crashSampler.scheduleWithFixedDelay(this::sampleCrashPod, 0, 300, TimeUnit.MILLISECONDS);
        log("cluster up in %d ms", (System.nanoTime() - classStart) / 1_000_000);
    }

    /** The crash pod's terminated runs (lastState), in the order seen, by container id and start time. */
    private final Map<String, JsonNode> crashRuns = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Set<String> crashReasons = ConcurrentHashMap.newKeySet();
    private final AtomicInteger crashRestarts = new AtomicInteger();
    private final ScheduledExecutorService crashSampler = Executors.newSingleThreadScheduledExecutor();

    private void sampleCrashPod() {
        try {
            JsonNode cs = cluster.pod("crash", "crash").at("/status/containerStatuses/0");
            crashRestarts.accumulateAndGet(cs.path("restartCount").asInt(), Math::max);
            JsonNode last = cs.at("/lastState/terminated");
            if (last.isObject()) {
                crashRuns.putIfAbsent(last.path("containerID").asText() + "@" + last.path("startedAt").asText(), last);
            }
            crashReasons.add(cs.at("/state/waiting/reason").asText());
            if (backedOffDelays().size() >= 2) {
                crashSampler.shutdown();
            }
        } catch (Exception | AssertionError e) {
            // not there yet: next sample
        }
    }

    private List<JsonNode> runsSeen() {
        synchronized (crashRuns) {
            return List.copyOf(crashRuns.values());
        }
    }

    /** The waits between consecutive runs seen, from the first that backed off (>= 5 s) on. */
    private List<Long> backedOffDelays() {
        List<JsonNode> runs = runsSeen();
        List<Long> delays = new ArrayList<>();
        for (int k = 0; k + 1 < runs.size(); k++) {
            Instant finished = Instant.parse(runs.get(k).path("finishedAt").asText());
            Instant nextStart = Instant.parse(runs.get(k + 1).path("startedAt").asText());
            long d = Duration.between(finished, nextStart).toSeconds();
            if (d >= 5 || !delays.isEmpty()) {
                delays.add(d);
            }
        }
        return delays;
    }

    @AfterAll
    void stopCluster() throws Exception {
        crashSampler.shutdownNow();
        if (cluster != null) {
            int exit = cluster.wharf.stop();
            List<String> mounts = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .filter(l -> l.contains(tmp.toString())).toList();
            if (!mounts.isEmpty()) {
                // never walk into a mounted rootfs; the data dir stays for a look (see the report in package-info)
                log("wharf dev (exit %d) left %d mounts under %s:%n%s", exit, mounts.size(), tmp, String.join("\n", mounts));
            } else if (exit == 0 || exit == 143) {
                try (Stream<Path> files = Files.walk(tmp)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
        log("class done in %d s", (System.nanoTime() - classStart) / 1_000_000_000);
    }

    void log(String format, Object... args) {
        System.out.printf("[%s e2e] %s%n", runtime(), format.formatted(args));
    }

    @Test
    @Order(10)
    void deploymentAnswersOnEveryPodIp() throws Exception {
        String ns = cluster.namespace("web");
        long t0 = System.nanoTime();
        cluster.apply(ns, Manifests.httpd("web", 3, spreadOverZones() ? Manifests.zoneAntiAffinity("web") : "", "", "1"));
        kubectl.ok("-n", ns, "wait", "--for=condition=Available", "deploy/web", "--timeout=55s");
        log("deployment of 3 Available in %d ms", (System.nanoTime() - t0) / 1_000_000);
        List<JsonNode> pods = cluster.readyPods(ns, "app=web");
        assertThat(pods).hasSize(3);
        if (spreadOverZones()) {
            Map<String, String> zones = cluster.nodeZones();
            Set<String> used = new HashSet<>();
            pods.forEach(p -> used.add(zones.get(p.at("/spec/nodeName").asText())));
            assertThat(used).as("one replica per zone").containsExactlyInAnyOrder("a", "b", "c");
        }
        Set<String> ips = new HashSet<>();
        for (JsonNode p : pods) {
            String ip = p.at("/status/podIP").asText();
            ips.add(ip);
            assertThat(ip).startsWith(podIpPrefix());
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("hello from " + p.at("/metadata/name").asText());
        }
        assertThat(ips).as("each pod has its own IP").hasSize(3);
    }

    @Test
    @Order(20)
    void rollingUpdateKeepsReplicasMinusMaxUnavailableReady() throws Exception {
        String ns = cluster.namespace("roll");
        cluster.apply(ns, Manifests.httpd("roll", 4, "", Manifests.rollingUpdate(1, 1), "1"));
        kubectl.ok("-n", ns, "wait", "--for=condition=Available", "deploy/roll", "--timeout=55s");
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.readyPods(ns, "app=roll").size() == 4);

        long t0 = System.nanoTime();
        kubectl.ok("-n", ns, "set", "env", "deploy/roll", "VERSION=2");
        CompletableFuture<Kubectl.Result> rollout = CompletableFuture.supplyAsync(
                () -> kubectl.run("-n", ns, "rollout", "status", "deploy/roll", "--timeout=55s"));
        int min = Integer.MAX_VALUE;
        int max = 0;
        int samples = 0;
        while (!rollout.isDone()) {
            List<JsonNode> pods = cluster.pods(ns, "app=roll");
            min = Math.min(min, (int) pods.stream().filter(p -> !p.at("/metadata/deletionTimestamp").isTextual()).filter(Cluster::isReady).count());
            max = Math.max(max, (int) pods.stream().filter(p -> !p.at("/metadata/deletionTimestamp").isTextual()).count());
            samples++;
            Thread.sleep(200);
        }
        Kubectl.Result status = rollout.get();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        log("rolling update of 4 took %d ms; %d samples, minimum ready %d, maximum pods %d", ms, samples, min, max);
        assertThat(status.exitCode()).as(status.stderr() + status.stdout()).isZero();
        assertThat(status.stdout()).contains("successfully rolled out");
        assertThat(samples).isGreaterThan(3);
        assertThat(min).as("ready pods during the rollout (replicas 4 - maxUnavailable 1)").isGreaterThanOrEqualTo(3);
        assertThat(max).as("pods during the rollout (replicas 4 + maxSurge 1)").isBetween(4, 5);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> pods = cluster.pods(ns, "app=roll");
            assertThat(pods).hasSize(4);
            assertThat(pods).allSatisfy(p -> assertThat(p.at("/spec/containers/0/env/0/value").asText()).isEqualTo("2"));
        });
    }

    @Test
    @Order(30)
    void failingLivenessProbeRestartsTheContainer() throws Exception {
        String ns = cluster.namespace("live");
        cluster.apply(ns, Manifests.pod("live", "Always", "exec sleep 3600", Manifests.probe("livenessProbe", 9)));
        long t0 = System.nanoTime();
        await().atMost(Duration.ofSeconds(40)).until(() ->
                cluster.pod(ns, "live").at("/status/containerStatuses/0/restartCount").asInt() >= 1);
        log("liveness restart after %d ms", (System.nanoTime() - t0) / 1_000_000);
        String events = kubectl.ok("-n", ns, "get", "events", "--field-selector", "involvedObject.name=live");
        assertThat(events).contains("Unhealthy").containsIgnoringCase("liveness probe failed");
    }

    @Test
    @Order(40)
    void failingReadinessProbeKeepsARunningPodNotReady() throws Exception {
        String ns = cluster.namespace("unready");
        cluster.apply(ns, Manifests.pod("unready", "Always", "exec sleep 3600", Manifests.probe("readinessProbe", 9)));
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.pod(ns, "unready").at("/status/phase").asText().equals("Running"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode p = cluster.pod(ns, "unready");
            return p.at("/status/phase").asText().equals("Running") && Cluster.condition(p, "Ready").equals("False")
                    && p.at("/status/containerStatuses/0/state/running").isObject()
                    && !p.at("/status/containerStatuses/0/ready").asBoolean();
        });
        assertThat(cluster.pod(ns, "unready").at("/status/containerStatuses/0/restartCount").asInt()).as("readiness never restarts").isZero();
    }

    @Test
    @Order(50)
    void logsTailFollowAndWatch() throws Exception {
        String ns = cluster.namespace("logs");
        Path watchOut = tmp.resolve("watch.out");
        Process watch = kubectl.start(watchOut, "-n", ns, "get", "pods", "-o", "wide", "-w");
        Path followOut = tmp.resolve("follow.out");
        Process follow = null;
        try {
            cluster.apply(ns, Manifests.pod("echo", "Always",
                    "for i in 1 2 3 4 5; do echo line-$i; done; i=6; while true; do echo line-$i; i=$((i+1)); sleep 1; done", ""));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Files.readString(watchOut))
                    .containsPattern("echo\\s+0/1\\s+(Pending|ContainerCreating)")
                    .containsPattern("echo\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+\\S+\\s+node-\\d"));
            assertThat(Files.readString(watchOut).lines().findFirst().orElse("")).contains("NAME", "READY", "STATUS", "IP", "NODE");

            await().atMost(Duration.ofSeconds(10)).until(() -> kubectl.ok("-n", ns, "logs", "echo").contains("line-7"));
            String all = kubectl.ok("-n", ns, "logs", "echo");
            assertThat(all).startsWith("line-1\nline-2\nline-3\nline-4\nline-5\nline-6\n");
            List<String> tail = kubectl.ok("-n", ns, "logs", "echo", "--tail=2").lines().toList();
            assertThat(tail).hasSize(2);
            int last = Integer.parseInt(tail.get(1).substring("line-".length()));
            assertThat(tail.get(0)).isEqualTo("line-" + (last - 1));

            follow = kubectl.start(followOut, "-n", ns, "logs", "-f", "echo");
            int until = last + 3;
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(Files.readString(followOut))
                    .startsWith("line-1\n").contains("line-" + until + "\n"));
            assertThat(follow.isAlive()).as("-f keeps streaming").isTrue();
        } finally {
            watch.destroy();
            if (follow != null) {
                follow.destroy();
            }
        }
    }

    @Test
    @Order(60)
    void crashingContainerBacksOffWithGrowingDelays() throws Exception {
        // kubelet's schedule: the first restart at once (that run may go unseen: it is lastState for milliseconds),
        // then 10 s, 20 s, ... (Wharf's dev agent keeps those defaults)
        await().atMost(Duration.ofSeconds(60)).until(() -> backedOffDelays().size() >= 2);
        List<JsonNode> runs = runsSeen();
        List<Long> delays = backedOffDelays();
        log("crash loop: delays after the immediate first restart %s s, restartCount %d; runs %s", delays, crashRestarts.get(), runs);
        assertThat(crashReasons).contains("CrashLoopBackOff");
        assertThat(crashRestarts.get()).isGreaterThanOrEqualTo(3);
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.path("exitCode").asInt()).isEqualTo(1);
            assertThat(r.path("reason").asText()).isEqualTo("Error");
        });
        assertThat(delays.get(0)).as("the first back-off is the base, 10 s").isBetween(8L, 13L);
        assertThat(delays.get(1)).as("delays grow: doubled").isBetween(delays.get(0) + 7, delays.get(0) + 13);
        assertThat(kubectl.ok("-n", "crash", "get", "events", "--field-selector", "involvedObject.name=crash"))
                .contains("BackOff").contains("Back-off restarting failed container");
    }
}
