package dev.wharf.agent;

import dev.wharf.spi.runtime.ExecResult;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static dev.wharf.agent.AgentHarness.phase;
import static dev.wharf.agent.AgentHarness.pod;
import static dev.wharf.agent.AgentHarness.ready;
import static dev.wharf.agent.AgentHarness.status;
import static dev.wharf.agent.AgentHarness.waitingReason;
import static org.assertj.core.api.Assertions.assertThat;

class PodLifecycleTest {
    @TempDir
    Path dir;
    AgentHarness h;

    @BeforeEach
    void start() throws Exception {
        h = new AgentHarness(dir).start();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    static io.fabric8.kubernetes.api.model.Probe exec(int period, int failureThreshold) {
        return new ProbeBuilder().withNewExec().withCommand("check").endExec().withPeriodSeconds(period)
                .withFailureThreshold(failureThreshold).build();
    }

    @Test
    void podGoesFromPendingToRunningAndReadyOnceTheReadinessProbePasses() {
        h.create(pod("web").editSpec().editFirstContainer().withReadinessProbe(
                new ProbeBuilder(exec(5, 3)).withInitialDelaySeconds(3).build()).endContainer().endSpec().build());
        Pod p = h.awaitPod("web", x -> "Running".equals(phase(x)));
        assertThat(ready(p)).isFalse();
        assertThat(p.getStatus().getPodIP()).startsWith("100.");
        assertThat(p.getStatus().getHostIP()).isEqualTo("127.0.0.1");
        assertThat(status(p, "app").getContainerID()).startsWith("fake://");
        assertThat(status(p, "app").getState().getRunning()).isNotNull();
        h.advance(Duration.ofSeconds(3));
        p = h.awaitPod("web", AgentHarness::ready);
        assertThat(status(p, "app").getReady()).isTrue();
        assertThat(p.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus())
                .contains("Initialized=True", "ContainersReady=True", "Ready=True");
        assertThat(h.reasons()).contains("Pulling", "Pulled", "Created", "Started");
    }

    @Test
    void readinessFailureMakesThePodNotReady() {
        h.create(pod("web").editSpec().editFirstContainer().withReadinessProbe(exec(1, 2)).endContainer().endSpec().build());
        h.awaitPod("web", AgentHarness::ready);
        h.runtime.execAnswers(h.running("web", "app"), new ExecResult(1, "not yet", false));
        h.advance(Duration.ofSeconds(1));
        h.advance(Duration.ofSeconds(1));
        Pod p = h.awaitPod("web", x -> !ready(x));
        assertThat(p.getStatus().getConditions()).anyMatch(c -> c.getType().equals("Ready")
                && c.getReason().equals("ContainersNotReady"));
        assertThat(status(p, "app").getRestartCount()).isZero();
        assertThat(h.events("Unhealthy")).anyMatch(e -> e.getMessage().startsWith("Readiness probe failed"));
    }

    @Test
    void livenessFailureRestartsTheContainer() {
        h.create(pod("web").editSpec().editFirstContainer().withLivenessProbe(exec(1, 2)).endContainer().endSpec().build());
        h.awaitPod("web", AgentHarness::ready);
        String first = h.running("web", "app");
        h.runtime.execAnswers(first, new ExecResult(1, "dead", false));
        h.advance(Duration.ofSeconds(1));
        h.advance(Duration.ofSeconds(1));
        Pod p = h.awaitPod("web", x -> status(x, "app").getRestartCount() == 1 && ready(x));
        assertThat(h.running("web", "app")).isNotEqualTo(first);
        assertThat(status(p, "app").getLastState().getTerminated()).isNotNull();
        assertThat(h.events("Killing")).anyMatch(e -> e.getMessage().contains("failed liveness probe"));
        assertThat(h.events("Unhealthy")).isNotEmpty();
    }

    @Test
    void crashLoopBackOffDelaysGrow() {
        h.create(pod("crash").build());
        h.awaitPod("crash", AgentHarness::ready);
        // first crash: restarted at once
        h.runtime.exit(h.running("crash", "app"), 1);
        Pod p = h.awaitPod("crash", x -> status(x, "app").getRestartCount() == 1 && ready(x));
        assertThat(status(p, "app").getLastState().getTerminated().getExitCode()).isEqualTo(1);
        assertThat(status(p, "app").getLastState().getTerminated().getReason()).isEqualTo("Error");
        // second crash: 1 s back-off
        h.runtime.exit(h.running("crash", "app"), 1);
        h.awaitPod("crash", x -> "CrashLoopBackOff".equals(waitingReason(x, "app")));
        h.advance(Duration.ofMillis(500));
        assertThat(status(h.get("crash"), "app").getRestartCount()).isEqualTo(1);
        h.advance(Duration.ofMillis(600));
        h.awaitPod("crash", x -> status(x, "app").getRestartCount() == 2 && ready(x));
        // third crash: 2 s back-off
        h.runtime.exit(h.running("crash", "app"), 1);
        h.awaitPod("crash", x -> "CrashLoopBackOff".equals(waitingReason(x, "app")));
        h.advance(Duration.ofMillis(1500));
        assertThat(status(h.get("crash"), "app").getRestartCount()).isEqualTo(2);
        assertThat(waitingReason(h.get("crash"), "app")).isEqualTo("CrashLoopBackOff");
        h.advance(Duration.ofMillis(600));
        h.awaitPod("crash", x -> status(x, "app").getRestartCount() == 3);
        assertThat(h.events("BackOff")).isNotEmpty();
        assertThat(phase(h.get("crash"))).isEqualTo("Running");
    }

    @Test
    void restartPolicyNeverFailsThePod() {
        h.create(pod("once").editSpec().withRestartPolicy("Never").endSpec().build());
        h.awaitPod("once", AgentHarness::ready);
        h.runtime.exit(h.running("once", "app"), 3);
        Pod p = h.awaitPod("once", x -> "Failed".equals(phase(x)));
        assertThat(status(p, "app").getState().getTerminated().getExitCode()).isEqualTo(3);
        assertThat(status(p, "app").getRestartCount()).isZero();
        assertThat(p.getStatus().getConditions()).anyMatch(c -> c.getType().equals("Ready") && c.getReason().equals("PodCompleted"));
    }

    @Test
    void restartPolicyOnFailureRestartsFailuresAndCompletesOnSuccess() {
        h.create(pod("job").editSpec().withRestartPolicy("OnFailure").endSpec().build());
        h.awaitPod("job", AgentHarness::ready);
        h.runtime.exit(h.running("job", "app"), 2);
        h.awaitPod("job", x -> status(x, "app").getRestartCount() == 1 && ready(x));
        h.runtime.exit(h.running("job", "app"), 0);
        Pod p = h.awaitPod("job", x -> "Succeeded".equals(phase(x)));
        assertThat(status(p, "app").getState().getTerminated().getReason()).isEqualTo("Completed");
        assertThat(status(p, "app").getRestartCount()).isEqualTo(1);
    }

    @Test
    void oomKillIsReported() {
        h.create(pod("hog").editSpec().withRestartPolicy("Never").endSpec().build());
        h.awaitPod("hog", AgentHarness::ready);
        h.runtime.oomKill(h.running("hog", "app"));
        Pod p = h.awaitPod("hog", x -> "Failed".equals(phase(x)));
        assertThat(status(p, "app").getState().getTerminated().getReason()).isEqualTo("OOMKilled");
        assertThat(status(p, "app").getState().getTerminated().getExitCode()).isEqualTo(137);
    }

    @Test
    void initContainersRunInOrderBeforeTheContainers() {
        h.create(pod("init").editSpec()
                .addNewInitContainer().withName("first").withImage("busybox").withCommand("true").endInitContainer()
                .addNewInitContainer().withName("second").withImage("busybox").withCommand("true").endInitContainer()
                .endSpec().build());
        h.awaitPod("init", x -> "Pending".equals(phase(x)) && h.containers("init", "first").size() == 1);
        assertThat(h.containers("init", "second")).isEmpty();
        assertThat(h.containers("init", "app")).isEmpty();
        h.runtime.exit(h.running("init", "first"), 0);
        h.awaitPod("init", x -> h.containers("init", "second").size() == 1);
        assertThat(h.containers("init", "app")).isEmpty();
        h.runtime.exit(h.running("init", "second"), 0);
        Pod p = h.awaitPod("init", AgentHarness::ready);
        assertThat(p.getStatus().getInitContainerStatuses()).allMatch(s -> s.getState().getTerminated().getReason().equals("Completed"));
        assertThat(p.getStatus().getConditions()).anyMatch(c -> c.getType().equals("Initialized") && c.getStatus().equals("True"));
    }

    @Test
    void imagePullFailureShowsErrImagePullThenImagePullBackOffWithTheRegistryMessage() {
        h.images.failPulls("registry.example/app:1", "manifest unknown: manifest unknown to registry");
        java.util.List<String> reasons = new java.util.concurrent.CopyOnWriteArrayList<>();
        h.api.watch(Pod.class, dev.wharf.controller.runtime.ApiClient.ListOptions.in("default"), (type, pod) -> {
            String r = waitingReason(pod, "app");
            if (r != null) {
                reasons.add(r);
            }
        });
        h.create(pod("bad").editSpec().editFirstContainer().withImage("registry.example/app:1").endContainer().endSpec().build());
        Pod p = h.awaitPod("bad", x -> "ImagePullBackOff".equals(waitingReason(x, "app")));
        assertThat(reasons).contains("ErrImagePull");
        assertThat(status(p, "app").getState().getWaiting().getMessage()).contains("manifest unknown to registry");
        assertThat(h.events("Failed")).anyMatch(e -> e.getMessage().contains("manifest unknown"));
        h.images.clearFailure("registry.example/app:1");
        h.advance(Duration.ofSeconds(2));
        h.awaitPod("bad", AgentHarness::ready);
    }

    @Test
    void gracefulDeletionRunsPreStopThenKillsAfterTheGracePeriodAndDeletesThePod() throws Exception {
        RecordingRuntime recording = new RecordingRuntime(h.runtime);
        h.agent.stop();
        h.agent = new NodeAgent(h.config(recording).build());
        h.agent.start();
        h.create(pod("bye").editSpec().withTerminationGracePeriodSeconds(7L).editFirstContainer().withNewLifecycle()
                .withNewPreStop().withNewExec().withCommand("drain").endExec().endPreStop().endLifecycle()
                .endContainer().endSpec().build());
        h.awaitPod("bye", AgentHarness::ready);
        String id = h.running("bye", "app");
        h.runtime.ignoreSigterm(id);
        h.runtime.execAnswers(id, new ExecResult(1, "drain failed", false));
        h.api.delete(Pod.class, "default", "bye", dev.wharf.controller.runtime.ApiClient.DeleteOptions.DEFAULT);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> h.get("bye") == null);
        assertThat(recording.stops.get(id).exitCode()).isEqualTo(137);
        assertThat(recording.stops.get(id).grace()).isEqualTo(Duration.ofSeconds(7));
        assertThat(h.events("Killing")).anyMatch(e -> e.getMessage().equals("Stopping container app"));
        assertThat(h.events("FailedPreStopHook")).anyMatch(e -> e.getMessage().contains("drain failed"));
        assertThat(h.runtime.list()).isEmpty();
        assertThat(h.runtime.listSandboxes()).isEmpty();
    }

    @Test
    void failedPostStartHookKillsTheContainer() throws Exception {
        h.agent.stop();
        h.agent = new NodeAgent(h.config(h.runtime).probeRunner((probe, c, ip, id) ->
                probe.getExec() != null && probe.getExec().getCommand().contains("hook")
                        ? dev.wharf.agent.probe.ProbeRunner.Outcome.failure("hook exploded")
                        : dev.wharf.agent.probe.ProbeRunner.Outcome.OK).build());
        h.agent.start();
        h.create(pod("hooked").editSpec().withRestartPolicy("Never").editFirstContainer().withNewLifecycle()
                .withNewPostStart().withNewExec().withCommand("hook").endExec().endPostStart().endLifecycle()
                .endContainer().endSpec().build());
        Pod p = h.awaitPod("hooked", x -> "Failed".equals(phase(x)));
        assertThat(status(p, "app").getState().getTerminated().getExitCode()).isEqualTo(143);
        assertThat(h.events("FailedPostStartHook")).anyMatch(e -> e.getMessage().contains("hook exploded"));
    }
}
