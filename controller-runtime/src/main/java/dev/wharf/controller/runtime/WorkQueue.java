package dev.wharf.controller.runtime;

import dev.wharf.common.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * client-go's work queue: a key is queued at most once ("dirty"); a key being processed that is added again is
 * processed again after {@link #done}, never by two workers at once. Delayed adds wait on the injected clock;
 * {@link #addRateLimited} asks the {@link RateLimiter} how long.
 */
public final class WorkQueue<K> {
    private record Delayed<K>(long readyAt, long seq, K key) {
    }

    private final Clock clock;
    private final RateLimiter limiter;
    private final ArrayDeque<K> queue = new ArrayDeque<>();
    private final Set<K> dirty = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    private final PriorityQueue<Delayed<K>> waiting = new PriorityQueue<>(
            (a, b) -> a.readyAt != b.readyAt ? Long.compare(a.readyAt, b.readyAt) : Long.compare(a.seq, b.seq));
    private final Map<K, Long> waitingReadyAt = new HashMap<>();
    private long seq;
    private boolean shutDown;

    public WorkQueue(Clock clock, RateLimiter limiter) {
        this.clock = clock;
        this.limiter = limiter;
    }

    public WorkQueue(Clock clock) {
        this(clock, new RateLimiter(clock));
    }

    public synchronized void add(K key) {
        if (shutDown || dirty.contains(key)) {
            return;
        }
        dirty.add(key);
        if (!processing.contains(key)) {
            queue.addLast(key);
            notifyAll();
        }
    }

    /** Adds the key once {@code delay} has passed on the clock; an earlier pending delay for it wins. */
    public synchronized void addAfter(K key, Duration delay) {
        if (shutDown) {
            return;
        }
        if (delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        long readyAt = clock.nanoTime() + delay.toNanos();
        Long existing = waitingReadyAt.get(key);
        if (existing != null && existing <= readyAt) {
            return;
        }
        waitingReadyAt.put(key, readyAt);
        waiting.add(new Delayed<>(readyAt, seq++, key));
        notifyAll();
    }

    public void addRateLimited(K key) {
        addAfter(key, limiter.when(key));
    }

    /** The key converged: reset its back-off. */
    public void forget(K key) {
        limiter.forget(key);
    }

    public int retries(K key) {
        return limiter.retries(key);
    }

    /** The next ready key without blocking, or null. The caller must call {@link #done} after processing it. */
    public synchronized K poll() {
        promoteDue();
        K key = queue.pollFirst();
        if (key != null) {
            dirty.remove(key);
            processing.add(key);
        }
        return key;
    }

    /** Blocks up to {@code timeout} (real time) for a ready key; null on timeout or shutdown. */
    public synchronized K take(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!shutDown) {
            K key = poll();
            if (key != null) {
                return key;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            // Delayed keys fall due on the injected clock, which need not be real time: wake when the next one is
            // due by that clock, but at least every 100 ms in case it jumps.
            long cap = 1000;
            if (!waiting.isEmpty()) {
                cap = Math.min(100, Math.max(1, (waiting.peek().readyAt - clock.nanoTime()) / 1_000_000));
            }
            wait(Math.max(1, Math.min(left / 1_000_000, cap)));
        }
        return null;
    }

    public synchronized void done(K key) {
        processing.remove(key);
        if (dirty.contains(key)) {
            queue.addLast(key);
            notifyAll();
        }
    }

    /** Keys ready now (after promoting due delayed ones). */
    public synchronized int readyCount() {
        promoteDue();
        return queue.size();
    }

    /** Keys waiting for a delay. */
    public synchronized int delayedCount() {
        return waitingReadyAt.size();
    }

    /** The clock time (nanoTime) of the earliest delayed key, or -1. */
    public synchronized long nextDelayedAt() {
        Delayed<K> head = waiting.peek();
        return head == null ? -1 : head.readyAt;
    }

    public synchronized void shutDown() {
        shutDown = true;
        notifyAll();
    }

    public synchronized boolean isShutDown() {
        return shutDown;
    }

    private void promoteDue() {
        long now = clock.nanoTime();
        while (!waiting.isEmpty() && waiting.peek().readyAt <= now) {
            Delayed<K> d = waiting.poll();
            Long current = waitingReadyAt.get(d.key);
            if (current != null && current == d.readyAt) {
                waitingReadyAt.remove(d.key);
                add(d.key);
            }
        }
    }
}
