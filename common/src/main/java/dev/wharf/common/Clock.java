package dev.wharf.common;

import java.time.Instant;

/** The only source of time in Wharf. Production code takes a Clock; tests pass a {@link ManualClock}. */
public interface Clock {
    /** Wall-clock time, for timestamps stored in objects. */
    Instant now();

    /** Monotonic nanoseconds, for measuring intervals and deadlines. */
    long nanoTime();

    default long millis() {
        return now().toEpochMilli();
    }

    /** The real clock. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
