package dev.wharf.testkit.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wharf.spi.runtime.ContainerRuntime;
import dev.wharf.spi.runtime.ContainerRuntimeException;
import dev.wharf.spi.runtime.ContainerSpec;
import dev.wharf.spi.runtime.ContainerState;
import dev.wharf.spi.runtime.ContainerStatus;
import dev.wharf.spi.runtime.ExecResult;
import dev.wharf.spi.runtime.ImageRootfs;
import dev.wharf.spi.runtime.Resources;
import dev.wharf.spi.runtime.Sandbox;
import dev.wharf.spi.runtime.SandboxSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link ContainerRuntime} driver shares. Drivers that run no processes (fake) answer
 * {@code runsProcesses() == false} and skip the tests that need a real process; the driver's own test class adds
 * what only it can do. The busybox image is built from the host's {@code /bin/busybox}.
 */
public abstract class ContainerRuntimeContract {
    protected static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger POD_SEQ = new AtomicInteger();

    @TempDir
    static Path imageDir;
    @TempDir
    protected Path tmp;
    protected Path root;
    protected ContainerRuntime runtime;
    protected ImageRootfs busybox;
    private final List<ContainerRuntime> opened = new ArrayList<>();
    private String testName;

    /** A driver on {@code root}; called again with the same root to test re-adoption. */
    protected abstract ContainerRuntime newRuntime(Path root);

    /** False for drivers that start no processes. */
    protected boolean runsProcesses() {
        return true;
    }

    /** True for drivers that enforce memory limits and report OOM kills. */
    protected boolean enforcesMemoryLimits() {
        return false;
    }

    @BeforeEach
    void setUpRuntime(TestInfo info) throws IOException {
        testName = info.getTestMethod().map(m -> m.getName()).orElse("t");
        root = Files.createDirectories(tmp.resolve("root"));
        busybox = TestImages.busybox(imageDir);
        runtime = open(root);
    }

    @AfterEach
    void cleanUp() {
        ContainerRuntime rt = opened.isEmpty() ? runtime : opened.get(opened.size() - 1);
        for (ContainerStatus c : rt.list()) {
            rt.stop(c.id(), Duration.ZERO);
            rt.remove(c.id());
        }
        for (Sandbox s : rt.listSandboxes()) {
            rt.stopSandbox(s.id());
            rt.removeSandbox(s.id());
        }
        opened.forEach(ContainerRuntime::close);
    }

    protected ContainerRuntime open(Path root) {
        ContainerRuntime rt = newRuntime(root);
        opened.add(rt);
        return rt;
    }

    protected Sandbox sandbox() {
        int n = POD_SEQ.incrementAndGet();
        // the JVM's pid keeps netns names apart when two test runs share the machine
        String uid = String.format("%08x-0000-4000-8000-%012d", (testName + n + "/" + ProcessHandle.current().pid()).hashCode(), n);
        return runtime.runSandbox(SandboxSpec.of(uid, "pod-" + n, "default"));
    }

    protected ContainerSpec.Builder container(Sandbox sb, String name) {
        return ContainerSpec.builder(sb.spec().podUid(), name, busybox).pod("default", sb.spec().podName());
    }

    protected String run(Sandbox sb, ContainerSpec spec) {
        String id = runtime.createContainer(sb, spec);
        runtime.start(id);
        return id;
    }

    protected ContainerStatus awaitExit(String id) {
        return Await.until(WAIT, () -> runtime.status(id), ContainerStatus::exited);
    }

    protected String httpdArgs(Sandbox sb) {
        return "exec httpd -f -p " + sb.ip() + ":8080 -h .";
    }

    protected String log(String id) {
        try {
            return Files.readString(runtime.logPath(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static String httpGet(String url) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sandboxesGetDistinctIps() {
        Sandbox a = sandbox();
        Sandbox b = sandbox();
        assertThat(a.ip()).isNotBlank().isNotEqualTo(b.ip());
        assertThat(runtime.listSandboxes()).extracting(Sandbox::id).contains(a.id(), b.id());
        assertThat(runtime.runSandbox(a.spec()).ip()).as("idempotent per pod").isEqualTo(a.ip());
    }

    @Test
    void createdContainerIsListedAndRemovable() {
        Sandbox sb = sandbox();
        String id = runtime.createContainer(sb, container(sb, "c").command("sleep", "60").restartCount(2).build());
        ContainerStatus created = runtime.status(id);
        assertThat(created.state()).isEqualTo(ContainerState.CREATED);
        assertThat(created.name()).isEqualTo("c");
        assertThat(created.restartCount()).isEqualTo(2);
        assertThat(created.podUid()).isEqualTo(sb.spec().podUid());
        assertThat(created.sandboxId()).isEqualTo(sb.id());
        runtime.start(id);
        assertThat(Await.until(WAIT, () -> runtime.status(id), ContainerStatus::running).startedAt()).isNotNull();
        assertThat(runtime.list()).extracting(ContainerStatus::id).contains(id);
        runtime.stop(id, Duration.ofSeconds(5));
        assertThat(runtime.status(id).state()).isEqualTo(ContainerState.EXITED);
        runtime.remove(id);
        assertThat(runtime.list()).extracting(ContainerStatus::id).doesNotContain(id);
        assertThatThrownBy(() -> runtime.status(id)).isInstanceOf(ContainerRuntimeException.class)
                .matches(e -> ((ContainerRuntimeException) e).notFound());
        runtime.remove(id);
    }

    @Test
    void newInstanceOnSameRootReadoptsRunningContainerWithoutRestart() {
        Sandbox sb = sandbox();
        String id = run(sb, container(sb, "long").command("sleep", "60").build());
        ContainerStatus before = Await.until(WAIT, () -> runtime.status(id), ContainerStatus::running);
        runtime.close();
        runtime = open(root);
        ContainerStatus after = runtime.list().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
        assertThat(after.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(after.pid()).isEqualTo(before.pid());
        assertThat(after.startedAt()).isEqualTo(before.startedAt());
        assertThat(runtime.listSandboxes()).extracting(Sandbox::ip).contains(sb.ip());
        runtime.stop(id, Duration.ofSeconds(5));
        assertThat(runtime.status(id).exited()).isTrue();
    }

    @Test
    void stoppingANeverStartedContainerMakesItExited() {
        Sandbox sb = sandbox();
        String id = runtime.createContainer(sb, container(sb, "idle").command("sleep", "60").build());
        runtime.stop(id, Duration.ofSeconds(1));
        assertThat(runtime.status(id).state()).isEqualTo(ContainerState.EXITED);
        assertThat(runtime.status(id).exitCode()).isEqualTo(137);
    }

    @Test
    void exitCodeOfAContainerThatEndedWhileNoRuntimeWatchedIsKept() {
        assumeTrue(runsProcesses());
        Sandbox sb = sandbox();
        String id = run(sb, container(sb, "quick").command("sh", "-c", "sleep 0.2; exit 5").build());
        runtime.close();
        runtime = open(root);
        ContainerStatus st = awaitExit(id);
        assertThat(st.exitCode()).isEqualTo(5);
        assertThat(st.finishedAt()).isAfterOrEqualTo(st.startedAt());
    }

    @Test
    void servesHttpOnTheSandboxIp() {
        assumeTrue(runsProcesses());
        Sandbox sb = sandbox();
        run(sb, container(sb, "web").command("sh", "-c", httpdArgs(sb)).build());
        String body = Await.until(WAIT, () -> httpGet("http://" + sb.ip() + ":8080/www/index.html"), r -> r.startsWith("200"));
        assertThat(body).contains(TestImages.INDEX_TEXT);
    }

    @Test
    void envAndArgsReachTheProcessAndLogsAreWritten() {
        assumeTrue(runsProcesses());
        Sandbox sb = sandbox();
        String id = run(sb, container(sb, "echo").command("sh", "-c", "echo \"$GREETING $1\"; echo to-stderr >&2", "sh")
                .args("world").env("GREETING", "hello").build());
        ContainerStatus st = awaitExit(id);
        assertThat(st.exitCode()).isZero();
        assertThat(st.reason()).isEqualTo(ContainerStatus.COMPLETED);
        assertThat(st.finishedAt()).isNotNull();
        Await.until(WAIT, () -> log(id), l -> l.contains("to-stderr"));
        assertThat(log(id)).contains("hello world");
    }

    @Test
    void rotatedLogKeepsOldLinesAndNewOnesGoToAFreshFile() throws IOException {
        assumeTrue(runsProcesses());
        Sandbox sb = sandbox();
        String id = run(sb, container(sb, "chatty").command("sh", "-c",
                "i=0; while true; do echo line-$i; i=$((i+1)); sleep 0.02; done").build());
        Await.until(WAIT, () -> log(id), l -> l.contains("line-3"));
        Path rotated = tmp.resolve("rotated.log");
        runtime.rotateLog(id, rotated);
        String fresh = Await.until(WAIT, () -> log(id), l -> l.contains("line-"));
        assertThat(Files.readString(rotated)).contains("line-0", "line-3");
        assertThat(fresh).doesNotContain("line-0\n").doesNotContain("line-0 ");
    }

    @Test
    void nonZeroExitCodeIsReportedAsError() {
        assumeTrue(runsProcesses());
        Sandbox sb = sandbox();
        ContainerStatus st = awaitExit(run(sb, container(sb, "fail").command("sh", "-c", "exit 3").build()));
        assertThat(st.exitCode()).isEqualTo(3);
        assertThat(st.reason()).isEqualTo(ContainerStatus.ERROR);
        assertThat(st.pid()).isZero();
    }

    @Test
    void stopDeliversSigtermFirst() {
        assumeTrue(runsProcesses());
        Sandbox sb = sandbox();
        String id = run(sb, container(sb, "polite").command("sh", "-c",
                "trap 'echo got-term; exit 7' TERM; echo ready; while true; do sleep 0.05; done").build());
        Await.until(WAIT, () -> log(id), l -> l.contains("ready"));
        long t0 = System.nanoTime();
        runtime.stop(id, Duration.ofSeconds(20));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(runtime.status(id).exitCode()).isEqualTo(7);
    }

    @Test
    void stopEndsAnHttpdWithSigtermWithoutWaitingForTheGracePeriod() {
        assumeTrue(runsProcesses());
        Sandbox sb = sandbox();
        String id = run(sb, container(sb, "web").command("httpd", "-f", "-p", sb.ip() + ":8080", "-h", ".").build());
        Await.until(WAIT, () -> httpGet("http://" + sb.ip() + ":8080/www/index.html"), r -> r.startsWith("200"));
        long t0 = System.nanoTime();
        runtime.stop(id, Duration.ofSeconds(20));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("busybox httpd as PID 1 ignores SIGTERM without an init")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(runtime.status(id).exitCode()).isEqualTo(143);
    }

    @Test
    void stopKillsAProcessIgnoringSigtermAfterTheGracePeriod() {
        assumeTrue(runsProcesses());
        Sandbox sb = sandbox();
        String id = run(sb, container(sb, "stubborn").command("sh", "-c",
                "trap '' TERM; echo ready; while true; do sleep 0.05; done").build());
        Await.until(WAIT, () -> log(id), l -> l.contains("ready"));
        long t0 = System.nanoTime();
        runtime.stop(id, Duration.ofMillis(300));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(8));
        assertThat(runtime.status(id).exitCode()).isEqualTo(137);
    }

    @Test
    void execRunsInsideTheContainer() {
        assumeTrue(runsProcesses());
        Sandbox sb = sandbox();
        String id = run(sb, container(sb, "box").command("sleep", "60").env("INSIDE", "yes").build());
        Await.until(WAIT, () -> runtime.status(id), ContainerStatus::running);
        ExecResult r = runtime.exec(id, List.of("sh", "-c", "echo out-$INSIDE; exit 4"), Duration.ofSeconds(5));
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.output()).contains("out-yes");
        assertThat(r.timedOut()).isFalse();
        ExecResult slow = runtime.exec(id, List.of("sleep", "30"), Duration.ofMillis(300));
        assertThat(slow.timedOut()).isTrue();
    }

    @Test
    void twoPodsReachEachOther() {
        assumeTrue(runsProcesses());
        Sandbox a = sandbox();
        Sandbox b = sandbox();
        run(a, container(a, "web").command("sh", "-c", httpdArgs(a)).build());
        String client = run(b, container(b, "client").command("sleep", "60").build());
        Await.until(WAIT, () -> httpGet("http://" + a.ip() + ":8080/www/index.html"), r -> r.startsWith("200"));
        ExecResult r = runtime.exec(client, List.of("wget", "-q", "-O", "-", "http://" + a.ip() + ":8080/www/index.html"),
                Duration.ofSeconds(5));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains(TestImages.INDEX_TEXT);
    }

    @Test
    void memoryHogIsOomKilled() {
        assumeTrue(runsProcesses() && enforcesMemoryLimits());
        Sandbox sb = sandbox();
        String id = run(sb, container(sb, "hog").command("sh", "-c", "x=a; while true; do x=$x$x; done")
                .resources(new Resources(0, 0, 32L << 20, 0)).build());
        ContainerStatus st = awaitExit(id);
        assertThat(st.reason()).as("%s, log: %s", st, log(id)).isEqualTo(ContainerStatus.OOM_KILLED);
        assertThat(st.exitCode()).isEqualTo(137);
    }

    @Test
    void statsOfARunningContainer() {
        assumeTrue(runsProcesses());
        Sandbox sb = sandbox();
        String id = run(sb, container(sb, "idle").command("sleep", "60").build());
        Await.until(WAIT, () -> runtime.status(id), ContainerStatus::running);
        var stats = runtime.stats(id);
        assertThat(stats.pids()).isGreaterThanOrEqualTo(1);
        assertThat(stats.memoryWorkingSetBytes()).isGreaterThanOrEqualTo(0);
        assertThat(stats.cpuUsageNanos()).isGreaterThanOrEqualTo(0);
    }
}
