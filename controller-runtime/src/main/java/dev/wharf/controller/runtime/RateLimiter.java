package dev.wharf.controller.runtime;

import dev.wharf.common.Backoff;
import dev.wharf.common.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How long a failing key waits before its next try: the larger of a per-item exponential back-off (5 ms doubling
 * to 1000 s, as client-go's default) and an overall token bucket (10 per second, burst 100) that keeps a storm of
 * failures from hammering the API. Time comes from the injected clock.
 */
public final class RateLimiter {
    private final Clock clock;
    private final Backoff backoff;
    private final double ratePerSecond;
    private final int burst;
    private final Map<Object, Integer> failures = new HashMap<>();
    private double tokens;
    private long lastNanos;

    public RateLimiter(Clock clock) {
        this(clock, new Backoff(Duration.ofMillis(5), Duration.ofSeconds(1000)), 10, 100);
    }

    public RateLimiter(Clock clock, Backoff backoff, double ratePerSecond, int burst) {
        this.clock = clock;
        this.backoff = backoff;
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = clock.nanoTime();
    }

    /** The delay before this key's next retry; counts one failure and takes one token of the overall bucket. */
    public synchronized Duration when(Object key) {
        int n = failures.merge(key, 1, Integer::sum);
        Duration item = backoff.delay(n);
        Duration overall = takeToken();
        return item.compareTo(overall) >= 0 ? item : overall;
    }

    /** The key succeeded: its back-off starts again from 5 ms. */
    public synchronized void forget(Object key) {
        failures.remove(key);
    }

    public synchronized int retries(Object key) {
        return failures.getOrDefault(key, 0);
    }

    private Duration takeToken() {
        long now = clock.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * ratePerSecond);
        lastNanos = now;
        tokens -= 1;
        return tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) (-tokens / ratePerSecond * 1e9));
    }
}
