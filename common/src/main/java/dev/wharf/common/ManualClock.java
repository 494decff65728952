package dev.wharf.common;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test tells it to. Thread-safe. */
public final class ManualClock implements Clock {
    private final Instant origin;
    private final AtomicLong elapsedNanos = new AtomicLong();

    public ManualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public ManualClock(Instant origin) {
        this.origin = origin;
    }

    public void advance(Duration d) {
        elapsedNanos.addAndGet(d.toNanos());
    }

    @Override
    public Instant now() {
        return origin.plusNanos(elapsedNanos.get());
    }

    @Override
    public long nanoTime() {
        return elapsedNanos.get();
    }
}
