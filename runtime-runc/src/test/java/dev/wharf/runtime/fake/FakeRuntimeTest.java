package dev.wharf.runtime.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.ManualClock;
import dev.wharf.spi.runtime.ContainerRuntime;
import dev.wharf.spi.runtime.ContainerState;
import dev.wharf.spi.runtime.ContainerStatus;
import dev.wharf.spi.runtime.ExecResult;
import dev.wharf.spi.runtime.Sandbox;
import dev.wharf.testkit.runtime.ContainerRuntimeContract;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FakeRuntimeTest extends ContainerRuntimeContract {
    private final ManualClock clock = new ManualClock();

    @Override
    protected ContainerRuntime newRuntime(Path root) {
        return new FakeRuntime(root, clock);
    }

    @Override
    protected boolean runsProcesses() {
        return false;
    }

    private FakeRuntime fake() {
        return (FakeRuntime) runtime;
    }

    @Test
    void testsDecideExitCodesAndTimesComeFromTheClock() {
        Sandbox sb = sandbox();
        String id = run(sb, container(sb, "c").command("x").build());
        clock.advance(Duration.ofSeconds(5));
        fake().exit(id, 3);
        ContainerStatus st = runtime.status(id);
        assertThat(st.state()).isEqualTo(ContainerState.EXITED);
        assertThat(st.exitCode()).isEqualTo(3);
        assertThat(st.reason()).isEqualTo("Error");
        assertThat(Duration.between(st.startedAt(), st.finishedAt())).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void oomKillIsReported() {
        Sandbox sb = sandbox();
        String id = run(sb, container(sb, "hog").command("x").build());
        fake().oomKill(id);
        assertThat(runtime.status(id).reason()).isEqualTo(ContainerStatus.OOM_KILLED);
        assertThat(runtime.status(id).exitCode()).isEqualTo(137);
    }

    @Test
    void stopReportsSigtermOrSigkillExit() {
        Sandbox sb = sandbox();
        String polite = run(sb, container(sb, "a").command("x").build());
        String stubborn = run(sb, container(sb, "b").command("x").build());
        fake().ignoreSigterm(stubborn);
        runtime.stop(polite, Duration.ofSeconds(30));
        runtime.stop(stubborn, Duration.ofSeconds(30));
        assertThat(runtime.status(polite).exitCode()).isEqualTo(143);
        assertThat(runtime.status(stubborn).exitCode()).isEqualTo(137);
    }

    @Test
    void execAnswersWhatTheTestSays() {
        Sandbox sb = sandbox();
        String id = run(sb, container(sb, "c").command("x").build());
        fake().execAnswers(id, new ExecResult(1, "unhealthy", false));
        assertThat(runtime.exec(id, List.of("check"), Duration.ofSeconds(1)).exitCode()).isEqualTo(1);
    }

    @Test
    void explicitRangeGivesDeterministicIps() {
        FakeRuntime rt = new FakeRuntime(tmp.resolve("other"), clock, 10, 1);
        assertThat(rt.runSandbox(dev.wharf.spi.runtime.SandboxSpec.of("u1", "p1", "ns")).ip()).isEqualTo("10.1.0.1");
        assertThat(rt.runSandbox(dev.wharf.spi.runtime.SandboxSpec.of("u2", "p2", "ns")).ip()).isEqualTo("10.1.0.2");
    }

    @Test
    void thousandsOfPodsAreCheapAndGetUniqueIps() {
        Set<String> ips = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            Sandbox sb = sandbox();
            ips.add(sb.ip());
            run(sb, container(sb, "c").command("x").build());
        }
        assertThat(ips).hasSize(5000);
        assertThat(runtime.list()).hasSize(5000).allMatch(ContainerStatus::running);
    }
}
