package dev.wharf.apiserver.registry;

import dev.wharf.spi.store.Store;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the store's history bounded: every interval, compacts away all but the last {@code retain} revisions.
 * Watches older than that get 410 Expired and re-list, as with Kubernetes on etcd.
 */
public final class Compactor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Compactor.class.getName());
    private final Store store;
    private final long retain;
    private ScheduledExecutorService executor;

    public Compactor(Store store, long retain) {
        if (retain < 1) {
            throw new IllegalArgumentException("retain must be at least 1 revision");
        }
        this.store = store;
        this.retain = retain;
    }

    public void start(Duration interval) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("wharf-compactor").unstarted(r));
        executor.scheduleWithFixedDelay(this::runSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Compacts once; returns the revision compacted to, or -1 when nothing needed compacting. */
    public long runOnce() {
        long target = store.currentRevision() - retain;
        if (target <= store.compactedRevision()) {
            return -1;
        }
        store.compact(target);
        return target;
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "store compaction failed", e);
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
