package dev.wharf.runtime.fake;

import dev.wharf.spi.runtime.ContainerSpec;
import dev.wharf.spi.runtime.ContainerState;
import dev.wharf.spi.runtime.ContainerStatus;
import dev.wharf.spi.runtime.ExecResult;
import java.time.Instant;

/** One fake container's mutable state; guarded by its own monitor. */
final class FakeContainer {
    final String id;
    final String sandboxId;
    final ContainerSpec spec;
    final Instant createdAt;
    ContainerState state = ContainerState.CREATED;
    long pid;
    Integer exitCode;
    String reason = "";
    Instant startedAt;
    Instant finishedAt;
    volatile boolean ignoresSigterm;
    volatile ExecResult execResult = new ExecResult(0, "", false);

    FakeContainer(String id, String sandboxId, ContainerSpec spec, Instant createdAt) {
        this.id = id;
        this.sandboxId = sandboxId;
        this.spec = spec;
        this.createdAt = createdAt;
    }

    void exit(int code, boolean oom, Instant at) {
        if (state != ContainerState.RUNNING) {
            return;
        }
        state = ContainerState.EXITED;
        exitCode = code;
        reason = ContainerStatus.reasonFor(code, oom);
        finishedAt = at;
        pid = 0;
    }

    synchronized ContainerStatus status() {
        return new ContainerStatus(id, sandboxId, spec.podUid(), spec.name(), spec.restartCount(), spec.labels(),
                state, pid, exitCode, reason, createdAt, startedAt, finishedAt);
    }
}
