package dev.wharf.common;

import java.time.Duration;

/** Exponential back-off with a cap: base * 2^(failures-1), bounded by max. */
public record Backoff(Duration base, Duration max) {
    public Duration delay(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        int shift = Math.min(failures - 1, 30);
        long nanos = base.toNanos() << shift;
        if (nanos <= 0 || nanos > max.toNanos()) {
            return max;
        }
        return Duration.ofNanos(nanos);
    }
}
