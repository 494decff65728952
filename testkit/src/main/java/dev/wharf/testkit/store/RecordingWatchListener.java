package dev.wharf.testkit.store;

import dev.wharf.spi.store.Store;
import dev.wharf.spi.store.WatchEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A watch listener for tests: queues every event and remembers how the watch ended. */
public final class RecordingWatchListener implements Store.WatchListener {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final LinkedBlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<Throwable> closed = new CompletableFuture<>();

    @Override
    public void onEvents(List<WatchEvent> batch) {
        events.addAll(batch);
    }

    @Override
    public void onClose(Throwable cause) {
        closed.complete(cause);
    }

    /** Takes the next {@code n} events, failing the test if they do not arrive in time. */
    public List<WatchEvent> take(int n) {
        return take(n, DEFAULT_TIMEOUT);
    }

    public List<WatchEvent> take(int n, Duration timeout) {
        List<WatchEvent> out = new ArrayList<>(n);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (out.size() < n) {
                WatchEvent e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (e == null) {
                    throw new AssertionError("expected " + n + " watch events within " + timeout + ", got " + out.size()
                            + ": " + out);
                }
                out.add(e);
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ie);
        }
        return out;
    }

    /** The events received and not yet taken. */
    public List<WatchEvent> drain() {
        List<WatchEvent> out = new ArrayList<>();
        events.drainTo(out);
        return out;
    }

    /** Waits until the store ended the watch and returns the cause it gave. */
    public Throwable awaitClose() {
        try {
            return closed.get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("watch was not closed by the store within " + DEFAULT_TIMEOUT);
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public boolean isClosedByStore() {
        return closed.isDone();
    }
}
