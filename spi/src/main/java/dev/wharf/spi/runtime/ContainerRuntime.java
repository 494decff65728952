package dev.wharf.spi.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The seam between the node agent and whatever runs containers (CRI's model, much reduced). A pod is a
 * {@link Sandbox} (its network) plus containers created in it. All state a driver needs to answer
 * {@link #list()} and {@link #listSandboxes()} lives under the driver's root directory, so a new instance on the
 * same root re-adopts what a previous one started, without restarting anything.
 *
 * <p>Ids are opaque strings chosen by the driver. Operations on unknown ids throw
 * {@link ContainerRuntimeException} with {@code notFound() == true}; stop and remove are idempotent.
 */
public interface ContainerRuntime extends AutoCloseable {
    /** {@code runc}, {@code process} or {@code fake}: the node reports it. */
    String name();

    /** Creates the pod's network (namespace, IP); idempotent per pod uid. */
    Sandbox runSandbox(SandboxSpec spec);

    /** Tears down the network of the sandbox; its containers must be stopped first. Idempotent. */
    void stopSandbox(String sandboxId);

    /** Forgets the sandbox (after {@link #stopSandbox}); removes its containers too. Idempotent. */
    void removeSandbox(String sandboxId);

    List<Sandbox> listSandboxes();

    /** Prepares a container (rootfs, config); does not start it. Returns its id. */
    String createContainer(Sandbox sandbox, ContainerSpec spec);

    void start(String containerId);

    /** SIGTERM, then SIGKILL once {@code grace} has passed; returns when the container has exited. */
    void stop(String containerId, Duration grace);

    /** Removes an exited container (a running one is killed first) and its rootfs; keeps its log file. */
    void remove(String containerId);

    ContainerStatus status(String containerId);

    /** Every container this runtime's root knows about, running or not. */
    List<ContainerStatus> list();

    /** Runs a command inside a running container; stdout and stderr together in {@link ExecResult#output()}. */
    ExecResult exec(String containerId, List<String> command, Duration timeout);

    Path logPath(String containerId);

    LogFormat logFormat();

    /**
     * Log rotation: moves what the log file holds so far to {@code rotatedTo} and keeps writing the container's
     * output to a fresh {@link #logPath}. Works for running and exited containers; nothing is lost or doubled.
     */
    void rotateLog(String containerId, Path rotatedTo);

    /** Usage counters of a running container; {@link ContainerStats#ZERO} when the driver measures nothing. */
    ContainerStats stats(String containerId);

    default Optional<ContainerStatus> find(String containerId) {
        try {
            return Optional.of(status(containerId));
        } catch (ContainerRuntimeException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Releases in-process resources; containers keep running. */
    @Override
    default void close() {
    }
}
