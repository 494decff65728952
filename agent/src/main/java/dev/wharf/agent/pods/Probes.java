package dev.wharf.agent.pods;

import dev.wharf.agent.probe.ProbeRunner;
import dev.wharf.agent.probe.ProbeTracker;
import dev.wharf.agent.probe.ProbeTracker.Kind;
import dev.wharf.spi.runtime.ContainerStatus;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;

import java.time.Duration;
import java.time.Instant;

/**
 * Runs the due probes of a running container: startup until it succeeds, then liveness and readiness. A failed
 * liveness (or startup) probe kills the container ({@code Unhealthy}, then {@code Killing}); readiness decides
 * {@code ready}. Without a readiness probe a started container is ready.
 */
final class Probes {
    static final long KILLED = Long.MIN_VALUE;

    private final PodSyncer syncer;
    private final ProbeRunner runner;

    ProbeRunner runner() {
        return runner;
    }

    Probes(PodSyncer syncer, ProbeRunner runner) {
        this.syncer = syncer;
        this.runner = runner;
    }

    /** Runs what is due; returns the nanoTime the next probe is due, or {@link #KILLED}. */
    long check(Pod pod, PodState st, Container c, ContainerRun r, ContainerStatus rs) {
        long now = syncer.config.clock().nanoTime();
        long startedAt = startedNanos(rs.startedAt(), now);
        if (c.getStartupProbe() != null && r.startup == null) {
            r.startup = new ProbeTracker(Kind.STARTUP, c.getStartupProbe(), startedAt, null);
        }
        r.started = c.getStartupProbe() == null || Boolean.TRUE.equals(r.startup.result());
        if (!r.started) {
            if (r.startup.due(now)) {
                ProbeRunner.Outcome o = runner.run(r.startup.probe(), c, st.sandbox.ip(), rs.id());
                r.startup.record(o, now);
                if (!o.success()) {
                    syncer.events.warning(pod, "Unhealthy", "Startup probe failed: " + o.message());
                }
                if (Boolean.FALSE.equals(r.startup.result())) {
                    kill(pod, c, r, rs, "failed startup probe", c.getStartupProbe());
                    return KILLED;
                }
                r.started = Boolean.TRUE.equals(r.startup.result());
            }
            if (!r.started) {
                r.ready = false;
                return r.startup.nextAt();
            }
            startedAt = now;
        }
        if (c.getLivenessProbe() != null && r.liveness == null) {
            r.liveness = new ProbeTracker(Kind.LIVENESS, c.getLivenessProbe(), startedAt, true);
        }
        if (c.getReadinessProbe() != null && r.readiness == null) {
            r.readiness = new ProbeTracker(Kind.READINESS, c.getReadinessProbe(), startedAt, r.adoptedReady ? true : null);
            r.adoptedReady = false;
        }
        if (r.liveness != null && r.liveness.due(now)) {
            ProbeRunner.Outcome o = runner.run(r.liveness.probe(), c, st.sandbox.ip(), rs.id());
            r.liveness.record(o, now);
            if (!o.success()) {
                syncer.events.warning(pod, "Unhealthy", "Liveness probe failed: " + o.message());
            }
            if (Boolean.FALSE.equals(r.liveness.result())) {
                kill(pod, c, r, rs, "failed liveness probe", c.getLivenessProbe());
                return KILLED;
            }
        }
        if (r.readiness != null && r.readiness.due(now)) {
            ProbeRunner.Outcome o = runner.run(r.readiness.probe(), c, st.sandbox.ip(), rs.id());
            r.readiness.record(o, now);
            if (!o.success()) {
                syncer.events.warning(pod, "Unhealthy", "Readiness probe failed: " + o.message());
            }
        }
        r.ready = r.readiness == null || Boolean.TRUE.equals(r.readiness.result());
        return nextDue(r);
    }

    long nextDue(ContainerRun r) {
        long next = Long.MAX_VALUE;
        for (ProbeTracker t : new ProbeTracker[]{r.startup, r.liveness, r.readiness}) {
            if (t != null && !(t.kind() == Kind.STARTUP && r.started)) {
                next = Math.min(next, t.nextAt());
            }
        }
        return next;
    }

    private void kill(Pod pod, Container c, ContainerRun r, ContainerStatus rs, String why, Probe probe) {
        syncer.events.normal(pod, "Killing", "Container " + c.getName() + " " + why + ", will be restarted");
        long grace = probe.getTerminationGracePeriodSeconds() != null ? probe.getTerminationGracePeriodSeconds()
                : pod.getSpec().getTerminationGracePeriodSeconds() != null ? pod.getSpec().getTerminationGracePeriodSeconds() : 30;
        r.killedByProbe = true;
        r.ready = false;
        syncer.runtime.stop(rs.id(), Duration.ofSeconds(grace));
    }

    /** The container's start time as a nanoTime of the agent's clock. */
    private long startedNanos(Instant startedAt, long now) {
        if (startedAt == null) {
            return now;
        }
        long ago = Duration.between(startedAt, syncer.config.clock().now()).toNanos();
        return now - Math.max(0, ago);
    }
}
