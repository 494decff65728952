package dev.wharf.agent.pods;

import dev.wharf.api.ApiException;
import dev.wharf.controller.runtime.ApiClient.DeleteOptions;
import dev.wharf.controller.runtime.Key;
import dev.wharf.controller.runtime.Result;
import dev.wharf.spi.runtime.ContainerRuntimeException;
import dev.wharf.spi.runtime.ContainerStatus;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ProbeBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Graceful termination of a pod whose deletionTimestamp is set: every running container in parallel runs its
 * preStop hook (exec or httpGet), gets SIGTERM and, after what is left of the grace period, SIGKILL (the
 * runtime's {@code stop}); then the sandbox and the pod's files go, and the pod object is deleted with
 * gracePeriodSeconds=0 (precondition: its uid), which is the apiserver's signal that the node is done.
 */
final class Terminator {
    private static final Logger LOG = Logger.getLogger(Terminator.class.getName());
    private final PodSyncer syncer;

    Terminator(PodSyncer syncer) {
        this.syncer = syncer;
    }

    Result terminate(Pod pod, PodState st) {
        Long g = pod.getMetadata().getDeletionGracePeriodSeconds();
        if (g == null) {
            g = pod.getSpec().getTerminationGracePeriodSeconds();
        }
        Duration grace = Duration.ofSeconds(g == null ? 30 : Math.max(0, g));
        if (!st.killed) {
            kill(pod, st, grace);
            st.killed = true;
        }
        for (ContainerRun r : st.containers.values()) {
            if (r.containerId != null) {
                syncer.runtime.find(r.containerId).filter(ContainerStatus::exited).ifPresent(rs -> {
                    r.state = new io.fabric8.kubernetes.api.model.ContainerState(null,
                            new io.fabric8.kubernetes.api.model.ContainerStateTerminated(syncer.runtime.name() + "://" + rs.id(),
                                    rs.exitCode(), rs.finishedAt() == null ? null : StatusWriter.time(rs.finishedAt()), null,
                                    rs.reason().isEmpty() ? null : rs.reason(), null,
                                    rs.startedAt() == null ? null : StatusWriter.time(rs.startedAt())), null);
                    r.ready = false;
                });
            }
        }
        syncer.teardown(st);
        try {
            syncer.api.delete(Pod.class, st.namespace, st.name, new DeleteOptions(null, 0L, st.uid, null));
        } catch (ApiException e) {
            if (e.code() != 404 && e.code() != 409) {
                throw e;
            }
        }
        syncer.states.remove(Key.of(st.namespace, st.name));
        return Result.DONE;
    }

    /** Stops every running container of the pod, in parallel, each within {@code grace}. */
    void kill(Pod pod, PodState st, Duration grace) {
        List<Thread> threads = new ArrayList<>();
        for (ContainerRun r : st.containers.values()) {
            String id = r.containerId;
            if (id == null) {
                continue;
            }
            boolean running = syncer.runtime.find(id).map(ContainerStatus::running).orElse(false);
            if (!running) {
                continue;
            }
            Container spec = pod == null ? null : container(pod, r.name);
            threads.add(Thread.ofVirtual().name("stop-" + r.name).start(() -> stop(pod, st, spec, r, id, grace)));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void stop(Pod pod, PodState st, Container c, ContainerRun r, String id, Duration grace) {
        long start = syncer.config.clock().nanoTime();
        if (pod != null) {
            syncer.events.normal(pod, "Killing", "Stopping container " + r.name);
        }
        LifecycleHandler preStop = c == null || c.getLifecycle() == null ? null : c.getLifecycle().getPreStop();
        if (preStop != null && !grace.isZero()) {
            var probe = new ProbeBuilder().withExec(preStop.getExec()).withHttpGet(preStop.getHttpGet())
                    .withTcpSocket(preStop.getTcpSocket()).withTimeoutSeconds((int) Math.max(1, grace.toSeconds())).build();
            if (preStop.getSleep() != null && preStop.getSleep().getSeconds() != null) {
                try {
                    Thread.sleep(Duration.ofSeconds(Math.min(grace.toSeconds(), preStop.getSleep().getSeconds())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                var out = syncer.probes.runner().run(probe, c, st.sandbox == null ? "" : st.sandbox.ip(), id);
                if (!out.success() && pod != null) {
                    syncer.events.warning(pod, "FailedPreStopHook", "PreStopHook failed: " + out.message());
                }
            }
        }
        Duration left = grace.minusNanos(syncer.config.clock().nanoTime() - start);
        try {
            syncer.runtime.stop(id, left.isNegative() ? Duration.ZERO : left);
        } catch (ContainerRuntimeException e) {
            LOG.fine("stop " + id + ": " + e.getMessage());
        }
        r.ready = false;
    }

    private static Container container(Pod pod, String name) {
        List<Container> all = new ArrayList<>(pod.getSpec().getContainers());
        if (pod.getSpec().getInitContainers() != null) {
            all.addAll(pod.getSpec().getInitContainers());
        }
        return all.stream().filter(c -> c.getName().equals(name)).findFirst().orElse(null);
    }
}
