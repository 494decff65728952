package dev.wharf.agent.pods;

import dev.wharf.api.ApiException;
import dev.wharf.common.Clock;
import dev.wharf.controller.runtime.Key;
import dev.wharf.controller.runtime.RateLimiter;
import dev.wharf.controller.runtime.Result;
import dev.wharf.controller.runtime.WorkQueue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * kubelet's pod workers: one worker per pod, as a virtual thread per sync, fed by a work queue that never hands
 * the same pod to two workers at once and coalesces the events that arrive while a pod syncs. Failed syncs are
 * retried with the queue's rate limiter; a sync's {@link Result#requeueAfter()} comes back on the clock.
 */
public final class PodWorkers {
    private static final Logger LOG = Logger.getLogger(PodWorkers.class.getName());

    static final Duration DRAIN_WAIT = Duration.ofSeconds(30);
    private final WorkQueue<Key> queue;
    private final Function<Key, Result> sync;
    private final AtomicInteger active = new AtomicInteger();
    private volatile Thread dispatcher;

    public PodWorkers(Clock clock, Function<Key, Result> sync) {
        this.queue = new WorkQueue<>(clock, new RateLimiter(clock));
        this.sync = sync;
    }

    public void enqueue(Key key) {
        queue.add(key);
    }

    public void start(String name) {
        dispatcher = Thread.ofPlatform().daemon().name(name + "-pod-workers").start(this::dispatch);
    }

    /**
     * Stops taking work and waits (up to {@link #DRAIN_WAIT}) for the syncs in flight: one of them may be creating a
     * container, and whoever stops the pods after this ({@code wharf dev}'s shutdown) must see it, or it outlives
     * the agent with its mount and network namespace.
     */
    public void stop() {
        queue.shutDown();
        Thread d = dispatcher;
        try {
            if (d != null) {
                d.interrupt();
                d.join(DRAIN_WAIT);
            }
            for (long waited = 0; active.get() > 0 && waited < DRAIN_WAIT.toMillis(); waited += 10) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (active.get() > 0) {
            LOG.warning(active.get() + " pod syncs still running after " + DRAIN_WAIT.toSeconds() + " s of shutdown");
        }
    }

    /** Syncs running right now (for tests waiting for quiet). */
    public int active() {
        return active.get();
    }

    public boolean idle() {
        return active.get() == 0 && queue.readyCount() == 0;
    }

    private void dispatch() {
        while (!queue.isShutDown()) {
            try {
                Key key = queue.take(Duration.ofSeconds(1));
                if (key != null) {
                    active.incrementAndGet();
                    Thread.ofVirtual().name("pod-" + key.cacheKey()).start(() -> work(key));
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void work(Key key) {
        try {
            Result r = sync.apply(key);
            queue.forget(key);
            if (r.requeue()) {
                queue.addRateLimited(key);
            } else if (!r.requeueAfter().isZero()) {
                queue.addAfter(key, r.requeueAfter());
            }
        } catch (ApiException e) {
            LOG.log(Level.FINE, "sync of pod " + key + " failed: " + e.getMessage());
            queue.addRateLimited(key);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sync of pod " + key + " failed", e);
            queue.addRateLimited(key);
        } finally {
            queue.done(key);
            active.decrementAndGet();
        }
    }
}
