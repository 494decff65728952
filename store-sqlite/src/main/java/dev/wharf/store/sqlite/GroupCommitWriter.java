package dev.wharf.store.sqlite;

import dev.wharf.spi.store.KeyValue;
import dev.wharf.spi.store.Txn;
import dev.wharf.spi.store.TxnResult;
import dev.wharf.spi.store.WatchEvent;
import dev.wharf.spi.store.support.TxnEvaluator;
import dev.wharf.spi.store.support.WatchHub;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Group commit: callers queue transactions and block; one thread takes everything queued, evaluates it in order
 * against the current state, writes the whole batch in one SQLite transaction (one fsync), publishes the events to
 * the watch hub and only then completes the callers.
 */
final class GroupCommitWriter implements AutoCloseable {
    static final int MAX_BATCH = 1_000;

    private sealed interface Request {
        CompletableFuture<?> done();
    }

    private record TxnRequest(Txn txn, CompletableFuture<TxnResult> done) implements Request {
    }

    private record CompactRequest(long revision, CompletableFuture<Void> done) implements Request {
    }

    private record Stop(CompletableFuture<Void> done) implements Request {
    }

    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final LogWriter log;
    private final WatchHub hub;
    private final Thread thread;
    private final BatchStats stats = new BatchStats();
    private final long compactChunk;
    private boolean stopping; // guarded by lifecycle
    private volatile long revision;
    private volatile long compacted;

    GroupCommitWriter(LogWriter log, WatchHub hub, long revision, long compacted, long compactChunk) {
        this.log = log;
        this.compactChunk = compactChunk;
        this.hub = hub;
        this.revision = revision;
        this.compacted = compacted;
        this.thread = Thread.ofPlatform().name("sqlite-store-writer").daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    long revision() {
        return revision;
    }

    long compacted() {
        return compacted;
    }

    BatchStats stats() {
        return stats;
    }

    TxnResult txn(Txn txn) {
        return await(submit(new TxnRequest(txn, new CompletableFuture<>())));
    }

    /** Compacts in chunks of revisions, each in its own batch, so that writers never wait for a long delete. */
    void compact(long rev) {
        if (rev > revision) {
            throw new IllegalArgumentException("cannot compact at future revision " + rev + " (current " + revision + ")");
        }
        long from = compacted;
        do {
            long to = Math.min(rev, from + compactChunk);
            await(submit(new CompactRequest(to, new CompletableFuture<>())));
            from = Math.max(to, compacted);
        } while (from < rev);
    }

    /** Commits what is queued, then stops the thread. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (stopping) {
                return;
            }
            stopping = true;
            queue.add(new Stop(new CompletableFuture<>()));
        } finally {
            lifecycle.writeLock().unlock();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T> CompletableFuture<T> submit(Request r) {
        lifecycle.readLock().lock();
        try {
            if (stopping) {
                throw new IllegalStateException("store is closed");
            }
            queue.add(r);
        } finally {
            lifecycle.readLock().unlock();
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<T> f = (CompletableFuture<T>) r.done();
        return f;
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private void run() {
        List<Request> batch = new ArrayList<>();
        boolean running = true;
        while (running) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only close() stops the writer
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            running = batch.stream().noneMatch(r -> r instanceof Stop);
            try {
                commit(batch);
            } catch (Throwable t) { // never leave callers blocked, never let the writer die
                SqliteStoreException failure = new SqliteStoreException("store writer failed", t);
                batch.forEach(r -> r.done().completeExceptionally(failure));
            }
            batch.clear();
        }
    }

    /** One SQLite transaction for the whole batch; callers complete only after it is durable and published. */
    private void commit(List<Request> batch) {
        long rev = revision;
        long comp = compacted;
        Map<String, Optional<KeyValue>> state = new HashMap<>(); // the batch's view of keys it touched
        List<WatchEvent> published = new ArrayList<>();
        List<Runnable> outcomes = new ArrayList<>(batch.size());
        int txns = 0;
        try {
            for (Request r : batch) {
                switch (r) {
                    case TxnRequest t -> {
                        txns++;
                        TxnEvaluator.Evaluated ev = TxnEvaluator.evaluate(t.txn(), rev, key -> lookup(state, key));
                        if (ev.wrote()) {
                            rev = ev.result().revision();
                            log.append(rev, ev.events());
                            for (WatchEvent e : ev.events()) {
                                state.put(e.kv().key(), e.type() == WatchEvent.Type.PUT ? Optional.of(e.kv()) : Optional.empty());
                            }
                            published.addAll(ev.events());
                        }
                        outcomes.add(() -> t.done().complete(ev.result()));
                    }
                    case CompactRequest c -> {
                        if (c.revision() > rev) {
                            long current = rev;
                            outcomes.add(() -> c.done().completeExceptionally(new IllegalArgumentException(
                                    "cannot compact at future revision " + c.revision() + " (current " + current + ")")));
                        } else {
                            if (c.revision() > comp) {
                                log.compact(comp, c.revision());
                                comp = c.revision();
                            }
                            outcomes.add(() -> c.done().complete(null));
                        }
                    }
                    case Stop s -> outcomes.add(() -> s.done().complete(null));
                }
            }
            if (rev != revision) {
                log.setMeta("revision", rev);
            }
            if (comp != compacted) {
                log.setMeta("compacted", comp);
            }
            log.commit();
        } catch (SQLException | RuntimeException e) {
            log.rollback();
            SqliteStoreException failure = new SqliteStoreException("store write failed; nothing of it was applied", e);
            batch.forEach(r -> r.done().completeExceptionally(failure));
            return;
        }
        hub.append(published);
        compacted = comp;
        revision = rev;
        stats.record(txns);
        outcomes.forEach(Runnable::run);
    }

    private KeyValue lookup(Map<String, Optional<KeyValue>> state, String key) {
        Optional<KeyValue> known = state.get(key);
        if (known == null) {
            try {
                known = Optional.ofNullable(log.current(key));
            } catch (SQLException e) {
                throw new SqliteStoreException("reading " + key + " failed", e);
            }
            state.put(key, known);
        }
        return known.orElse(null);
    }
}
