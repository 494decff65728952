package dev.wharf.store.sqlite;

import java.util.concurrent.atomic.LongAdder;

/** How well group commit batches: commits (fsyncs) against transactions. */
public final class BatchStats {
    private final LongAdder commits = new LongAdder();
    private final LongAdder txns = new LongAdder();

    void record(int txnsInBatch) {
        commits.increment();
        txns.add(txnsInBatch);
    }

    public long commits() {
        return commits.sum();
    }

    public long txns() {
        return txns.sum();
    }

    /** Average transactions per SQLite commit. */
    public double averageBatch() {
        long c = commits();
        return c == 0 ? 0 : (double) txns() / c;
    }
}
