package dev.wharf.spi.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * What a runtime knows about one container.
 *
 * @param pid      host pid of the container's first process, 0 when not running
 * @param exitCode set when {@code state == EXITED}; 128+n for a process killed by signal n
 * @param reason   {@code Completed}, {@code Error} or {@code OOMKilled} once exited, else empty
 */
public record ContainerStatus(String id, String sandboxId, String podUid, String name, int restartCount,
                              Map<String, String> labels, ContainerState state, long pid, Integer exitCode,
                              String reason, Instant createdAt, Instant startedAt, Instant finishedAt) {
    public static final String OOM_KILLED = "OOMKilled";
    public static final String COMPLETED = "Completed";
    public static final String ERROR = "Error";

    public ContainerStatus {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        reason = reason == null ? "" : reason;
    }

    public boolean running() {
        return state == ContainerState.RUNNING;
    }

    public boolean exited() {
        return state == ContainerState.EXITED;
    }

    /** The reason Kubernetes would show for an exit code when nothing more specific is known. */
    public static String reasonFor(int exitCode, boolean oomKilled) {
        return oomKilled ? OOM_KILLED : exitCode == 0 ? COMPLETED : ERROR;
    }
}
