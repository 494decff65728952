package dev.wharf.store.sqlite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Concurrent writers share fsyncs: fewer SQLite commits than transactions. */
class GroupCommitTest {
    @TempDir
    Path dir;

    @Test
    void concurrentTransactionsShareCommits() throws Exception {
        int threads = 16;
        int perThread = 40;
        try (SqliteStore store = SqliteStore.open(dir.resolve("store.db"));
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                writers.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        store.create("/g/" + id + "/" + i, new byte[]{1}).orElseThrow();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : writers) {
                f.get();
            }
            BatchStats stats = store.batchStats();
            assertThat(stats.txns()).isEqualTo(threads * perThread);
            assertThat(stats.commits()).as("one fsync per batch, not per txn").isLessThan(stats.txns());
            assertThat(store.currentRevision()).isEqualTo(threads * perThread + 1);
        }
    }
}
