package dev.wharf.controller.runtime;

import dev.wharf.api.ApiException;
import dev.wharf.common.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A work queue drained by N workers calling one {@link Reconciler}. Handlers {@link #enqueue} keys; a reconcile
 * that throws is retried with the rate limiter's back-off, one that returns {@link Result#requeueAfter()} comes
 * back after that delay, and a key is never reconciled by two workers at once.
 */
public final class Controller {
    private static final Logger LOG = Logger.getLogger(Controller.class.getName());

    private final String name;
    private final Reconciler reconciler;
    private final WorkQueue<Key> queue;
    private final int workers;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public Controller(String name, Reconciler reconciler, Clock clock, int workers) {
        this.name = name;
        this.reconciler = reconciler;
        this.queue = new WorkQueue<>(clock);
        this.workers = workers;
    }

    public String name() {
        return name;
    }

    public WorkQueue<Key> queue() {
        return queue;
    }

    public void enqueue(Key key) {
        queue.add(key);
    }

    public void enqueueAfter(Key key, Duration delay) {
        queue.addAfter(key, delay);
    }

    /** Reconciles the next ready key on the calling thread; false when none is ready. For tests and drivers. */
    public boolean processNext() {
        Key key = queue.poll();
        if (key == null) {
            return false;
        }
        process(key);
        return true;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < workers; i++) {
            Thread t = Thread.ofPlatform().daemon().name(name + "-worker-" + i).start(this::work);
            threads.add(t);
        }
    }

    public synchronized void stop() {
        running = false;
        queue.shutDown();
        for (Thread t : threads) {
            t.interrupt();
        }
        threads.clear();
    }

    private void work() {
        while (running) {
            try {
                Key key = queue.take(Duration.ofSeconds(1));
                if (key != null) {
                    process(key);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void process(Key key) {
        try {
            Result result = reconciler.reconcile(key);
            if (result.requeue()) {
                queue.addRateLimited(key);
            } else {
                queue.forget(key);
                if (!result.requeueAfter().isZero() && !result.requeueAfter().isNegative()) {
                    queue.addAfter(key, result.requeueAfter());
                }
            }
        } catch (ApiException e) {
            if (e.code() != 409) {
                LOG.log(Level.FINE, name + ": reconcile of " + key + " failed: " + e.getMessage());
            }
            queue.addRateLimited(key);
        } catch (Exception e) {
            LOG.log(Level.WARNING, name + ": reconcile of " + key + " failed", e);
            queue.addRateLimited(key);
        } finally {
            queue.done(key);
        }
    }
}
