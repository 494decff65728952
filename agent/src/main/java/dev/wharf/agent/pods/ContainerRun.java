package dev.wharf.agent.pods;

import dev.wharf.agent.probe.ProbeTracker;
import dev.wharf.spi.runtime.ImageRootfs;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;

/**
 * What the agent remembers about one container of a pod across its instances: the current runtime container,
 * restarts and back-off, the last termination, image, probes and the state to report. Touched only by the pod's
 * worker.
 */
final class ContainerRun {
    final String name;
    final boolean init;
    String containerId;
    int restartCount;
    /** Exits counted for back-off (reset after a long enough run). */
    int crashes;
    /** nanoTime before which the next start must wait. */
    long backoffUntil = Long.MIN_VALUE;
    /** The exit already handled (so one exit is counted once). */
    String handledExit;
    ContainerStateTerminated lastTerminated;
    /** Set when the container ended and will not be started again (completed init container, restartPolicy). */
    ContainerStateTerminated finalTermination;
    ContainerState state = waiting("ContainerCreating", null);
    ImageRootfs rootfs;
    String imageRef;
    String imageId = "";
    int pullFailures;
    long pullBackoffUntil = Long.MIN_VALUE;
    String pullError;
    ProbeTracker startup;
    ProbeTracker liveness;
    ProbeTracker readiness;
    boolean ready;
    boolean started;
    /** Readiness remembered from the pod status when re-adopted after an agent restart. */
    boolean adoptedReady;
    /** The current instance was killed by a failed liveness or startup probe (restart even under OnFailure). */
    boolean killedByProbe;

    ContainerRun(String name, boolean init) {
        this.name = name;
        this.init = init;
    }

    boolean completed() {
        return finalTermination != null && finalTermination.getExitCode() == 0;
    }

    void resetProbes() {
        startup = null;
        liveness = null;
        readiness = null;
        ready = false;
        started = false;
    }

    static ContainerState waiting(String reason, String message) {
        ContainerState s = new ContainerState();
        s.setWaiting(new io.fabric8.kubernetes.api.model.ContainerStateWaiting(message, reason));
        return s;
    }
}
