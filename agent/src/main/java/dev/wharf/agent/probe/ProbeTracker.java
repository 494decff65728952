package dev.wharf.agent.probe;

import io.fabric8.kubernetes.api.model.Probe;

/**
 * The state of one probe of one container instance, on the agent's clock: when it is next due, and the
 * consecutive successes/failures that flip its result (successThreshold / failureThreshold).
 */
public final class ProbeTracker {
    public enum Kind { STARTUP, LIVENESS, READINESS }

    private final Kind kind;
    private final Probe probe;
    private long nextAt;
    private int successes;
    private int failures;
    private Boolean result;
    private String lastMessage = "";

    /** @param startedAt nanoTime the container started: the first run is initialDelaySeconds later */
    public ProbeTracker(Kind kind, Probe probe, long startedAt, Boolean initial) {
        this.kind = kind;
        this.probe = probe;
        this.nextAt = startedAt + seconds(probe.getInitialDelaySeconds(), 0);
        this.result = initial;
    }

    public Kind kind() {
        return kind;
    }

    public Probe probe() {
        return probe;
    }

    public boolean due(long now) {
        return now >= nextAt;
    }

    public long nextAt() {
        return nextAt;
    }

    /** The current result: null while unknown (not yet reached a threshold). */
    public Boolean result() {
        return result;
    }

    public String lastMessage() {
        return lastMessage;
    }

    public int failures() {
        return failures;
    }

    /** Records an outcome at {@code now}; returns true when the result flipped. */
    public boolean record(ProbeRunner.Outcome outcome, long now) {
        nextAt = now + seconds(probe.getPeriodSeconds(), 10);
        lastMessage = outcome.message();
        Boolean before = result;
        if (outcome.success()) {
            failures = 0;
            successes++;
            int threshold = kind == Kind.READINESS ? Math.max(1, val(probe.getSuccessThreshold(), 1)) : 1;
            if (successes >= threshold) {
                result = true;
            }
        } else {
            successes = 0;
            failures++;
            if (failures >= Math.max(1, val(probe.getFailureThreshold(), 3))) {
                result = false;
            }
        }
        return !java.util.Objects.equals(before, result);
    }

    private static int val(Integer v, int dflt) {
        return v == null ? dflt : v;
    }

    private static long seconds(Integer v, int dflt) {
        return java.time.Duration.ofSeconds(v == null ? dflt : Math.max(0, v == 0 && dflt > 0 ? dflt : v)).toNanos();
    }
}
