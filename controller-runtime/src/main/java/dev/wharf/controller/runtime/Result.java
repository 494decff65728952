package dev.wharf.controller.runtime;

import java.time.Duration;

/**
 * What a reconcile asks of its queue: nothing (converged), an immediate rate-limited requeue, or a requeue after
 * a fixed delay (a deadline to check later). Failures are thrown instead and retried with back-off.
 */
public record Result(boolean requeue, Duration requeueAfter) {
    public static final Result DONE = new Result(false, Duration.ZERO);
    public static final Result REQUEUE = new Result(true, Duration.ZERO);

    public static Result after(Duration delay) {
        return new Result(false, delay);
    }

    /** The earlier of two requests (DONE loses to anything). */
    public Result min(Result other) {
        if (requeue || other.requeue) {
            return REQUEUE;
        }
        if (requeueAfter.isZero()) {
            return other;
        }
        if (other.requeueAfter.isZero()) {
            return this;
        }
        return requeueAfter.compareTo(other.requeueAfter) <= 0 ? this : other;
    }
}
