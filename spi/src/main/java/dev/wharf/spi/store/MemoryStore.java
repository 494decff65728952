package dev.wharf.spi.store;

import dev.wharf.spi.store.support.Keys;
import dev.wharf.spi.store.support.TxnEvaluator;
import dev.wharf.spi.store.support.WatchHub;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory Store: a first-class fake with the same semantics as the SQLite store (it passes the same
 * contract suite), for tests and {@code wharf dev --store=memory}. It keeps every event since the last compaction
 * (like the SQLite log), so callers should compact periodically, as the apiserver does.
 */
public final class MemoryStore implements Store {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final NavigableMap<String, KeyValue> state = new TreeMap<>(Keys.ORDER);
    private final List<WatchEvent> log = new ArrayList<>(); // events after `compacted`, in revision order
    private final WatchHub hub;
    private long revision = 1;
    private long compacted;
    private volatile boolean closed;

    public MemoryStore() {
        this(WatchHub.DEFAULT_WINDOW);
    }

    /** @param watchWindow recent events served to watches from memory before they count as fallen behind */
    public MemoryStore(int watchWindow) {
        this.hub = new WatchHub(watchWindow, revision, this::history);
    }

    @Override
    public long currentRevision() {
        return read(() -> revision);
    }

    @Override
    public long compactedRevision() {
        return read(() -> compacted);
    }

    @Override
    public Optional<KeyValue> get(String key) {
        Keys.check(key);
        return read(() -> Optional.ofNullable(state.get(key)));
    }

    @Override
    public RangeResult range(String prefix, String startAfter, int limit) {
        Keys.checkPrefix(prefix);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return read(() -> {
            List<KeyValue> kvs = new ArrayList<>();
            boolean more = false;
            for (KeyValue kv : under(prefix, startAfter).values()) {
                if (limit > 0 && kvs.size() == limit) {
                    more = true;
                    break;
                }
                kvs.add(kv);
            }
            return new RangeResult(List.copyOf(kvs), revision, more);
        });
    }

    @Override
    public long count(String prefix) {
        Keys.checkPrefix(prefix);
        return read(() -> (long) under(prefix, null).size());
    }

    @Override
    public TxnResult txn(Txn txn) {
        TxnEvaluator.validate(txn);
        Txn owned = copyValues(txn);
        lock.writeLock().lock();
        try {
            ensureOpen();
            TxnEvaluator.Evaluated ev = TxnEvaluator.evaluate(owned, revision, state::get);
            if (ev.wrote()) {
                for (WatchEvent e : ev.events()) {
                    if (e.type() == WatchEvent.Type.PUT) {
                        state.put(e.kv().key(), e.kv());
                    } else {
                        state.remove(e.kv().key());
                    }
                }
                log.addAll(ev.events());
                revision = ev.result().revision();
                hub.append(ev.events());
            }
            return ev.result();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        Keys.checkPrefix(prefix);
        if (listener == null) {
            throw new IllegalArgumentException("watch listener must not be null");
        }
        read(() -> {
            if (afterRevision < compacted) {
                throw new CompactedException(afterRevision, compacted);
            }
            return null;
        });
        return hub.watch(prefix, afterRevision, listener);
    }

    @Override
    public void compact(long rev) {
        lock.writeLock().lock();
        try {
            ensureOpen();
            if (rev > revision) {
                throw new IllegalArgumentException("cannot compact at future revision " + rev + " (current " + revision + ")");
            }
            if (rev <= compacted) {
                return;
            }
            int end = firstAfter(rev);
            log.subList(0, end).clear();
            compacted = rev;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closed = true;
        } finally {
            lock.writeLock().unlock();
        }
        hub.close();
    }

    private List<WatchEvent> history(String prefix, long afterRevision, long uptoRevision) {
        return read(() -> {
            if (afterRevision < compacted) {
                throw new CompactedException(afterRevision, compacted);
            }
            List<WatchEvent> out = new ArrayList<>();
            for (int i = firstAfter(afterRevision); i < log.size() && log.get(i).revision() <= uptoRevision; i++) {
                WatchEvent e = log.get(i);
                if (e.kv().key().startsWith(prefix)) {
                    out.add(e);
                }
            }
            return out;
        });
    }

    /** Index of the first logged event with a revision greater than {@code rev}. */
    private int firstAfter(long rev) {
        int lo = 0;
        int hi = log.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (log.get(mid).revision() <= rev) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private Map<String, KeyValue> under(String prefix, String startAfter) {
        String end = Keys.prefixEnd(prefix);
        NavigableMap<String, KeyValue> view = end == null ? state.tailMap(prefix, true) : state.subMap(prefix, true, end, false);
        if (startAfter != null && Keys.compare(startAfter, prefix) >= 0) {
            if (end != null && Keys.compare(startAfter, end) >= 0) {
                return Map.of();
            }
            view = view.tailMap(startAfter, false);
        }
        return view;
    }

    private static Txn copyValues(Txn txn) {
        return new Txn(txn.compares(), copy(txn.onSuccess()), copy(txn.onFailure()));
    }

    private static List<Op> copy(List<Op> ops) {
        return ops.stream().map(op -> op instanceof Op.Put p ? (Op) new Op.Put(p.key(), p.value().clone()) : op).toList();
    }

    private <T> T read(java.util.function.Supplier<T> body) {
        lock.readLock().lock();
        try {
            ensureOpen();
            return body.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("store is closed");
        }
    }
}
