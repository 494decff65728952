package dev.wharf.controllers.scheduling;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Tuning of the scheduling loop.
 *
 * @param schedulerName      pods whose {@code spec.schedulerName} is this (or unset) are scheduled here
 * @param unschedulableFlush how long a pod that fits nowhere waits before it is tried again when nothing changed
 *                           (events - a node added, a pod deleted - retry it sooner)
 * @param bindConcurrency    bindings in flight at once: the loop does not wait for API round trips
 * @param bindExecutor       runs the bindings (and their events); {@link #inline()} runs them on the loop's thread
 */
public record SchedulingOptions(String schedulerName, Duration unschedulableFlush, int bindConcurrency,
                                Executor bindExecutor) {
    public static final String DEFAULT_SCHEDULER = "default-scheduler";

    public SchedulingOptions {
        if (bindConcurrency < 1) {
            throw new IllegalArgumentException("bindConcurrency must be at least 1");
        }
        if (unschedulableFlush.isNegative() || unschedulableFlush.isZero()) {
            throw new IllegalArgumentException("unschedulableFlush must be positive");
        }
    }

    /** default-scheduler, 30 s flush, 32 concurrent bindings on virtual threads. */
    public static SchedulingOptions defaults() {
        return new SchedulingOptions(DEFAULT_SCHEDULER, Duration.ofSeconds(30), 32,
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("scheduler-bind-", 0).factory()));
    }

    /** Bindings on the scheduling thread, one at a time: deterministic, for tests. */
    public static SchedulingOptions inline() {
        return new SchedulingOptions(DEFAULT_SCHEDULER, Duration.ofSeconds(30), 1, Runnable::run);
    }

    public SchedulingOptions withUnschedulableFlush(Duration flush) {
        return new SchedulingOptions(schedulerName, flush, bindConcurrency, bindExecutor);
    }
}
