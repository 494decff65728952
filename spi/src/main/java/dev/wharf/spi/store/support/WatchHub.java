package dev.wharf.spi.store.support;

import dev.wharf.spi.store.Store;
import dev.wharf.spi.store.WatchEvent;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Watch fan-out over one bounded ring of recent events.
 *
 * <pre>
 *   writer ──append(events)──► ring [oldest … head)  ◄── each watch reads at its own cursor, on its own thread
 *                                │ older than the ring?
 *                                └──► HistorySource (the store's log) replays first, then the ring takes over
 * </pre>
 *
 * The single writer appends events after they are durable, in revision order, and wakes the watches; it never
 * waits for them. A watch whose cursor is overwritten before it read it fell behind and is closed with
 * {@link dev.wharf.spi.store.WatchFellBehindException}.
 */
public final class WatchHub implements AutoCloseable {
    /** Default number of recent events kept in memory. */
    public static final int DEFAULT_WINDOW = 10_000;
    /** At most this many events per listener call. */
    static final int MAX_BATCH = 1_000;
    /** Revisions read from history per query. */
    static final long HISTORY_CHUNK = 1_000;

    record Entry(long seq, WatchEvent event) {
    }

    record Position(long seq, long floorRevision) {
        boolean inRing() {
            return seq >= 0;
        }
    }

    private final int capacity;
    private final AtomicReferenceArray<Entry> slots;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final HistorySource history;
    private final Set<HubWatch> watches = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private volatile long head;
    private long floorRevision; // guarded by appendLock: every event with a greater revision is in the ring
    private volatile boolean closed;

    /**
     * @param capacity        events kept in memory
     * @param currentRevision the store's revision now; older events come from {@code history}
     */
    public WatchHub(int capacity, long currentRevision, HistorySource history) {
        if (capacity < 1) {
            throw new IllegalArgumentException("watch window must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.slots = new AtomicReferenceArray<>(capacity);
        this.floorRevision = currentRevision;
        this.history = history;
    }

    /** Publishes durable events (one or more whole revisions, in order). Called by one writer at a time. */
    public void append(List<WatchEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        appendLock.lock();
        try {
            long h = head;
            for (WatchEvent e : events) {
                int i = slot(h);
                Entry old = slots.get(i);
                if (old != null) {
                    floorRevision = old.event().revision();
                }
                slots.set(i, new Entry(h, e));
                h++;
            }
            head = h;
        } finally {
            appendLock.unlock();
        }
        for (HubWatch w : watches) {
            w.wake();
        }
    }

    /** Starts delivering events under {@code prefix} with a revision greater than {@code afterRevision}. */
    public Store.Watch watch(String prefix, long afterRevision, Store.WatchListener listener) {
        if (closed) {
            throw new IllegalStateException("store is closed");
        }
        HubWatch w = new HubWatch(this, prefix, afterRevision, listener, ids.incrementAndGet());
        watches.add(w);
        w.start();
        if (closed) {
            w.end(new IllegalStateException("store closed"));
        }
        return w;
    }

    /** Ends every watch with onClose(store closed) and waits briefly for their threads. */
    @Override
    public void close() {
        closed = true;
        IllegalStateException cause = new IllegalStateException("store closed");
        for (HubWatch w : watches) {
            w.end(cause);
        }
        for (HubWatch w : watches) {
            w.awaitExit();
        }
        watches.clear();
    }

    int activeWatches() {
        return watches.size();
    }

    // ---- used by HubWatch ----

    /** Where a watch after {@code afterRevision} starts: a ring position, or the floor it must replay up to. */
    Position position(long afterRevision) {
        appendLock.lock();
        try {
            if (floorRevision > afterRevision) {
                return new Position(-1, floorRevision);
            }
            long lo = Math.max(0, head - capacity);
            long hi = head;
            while (lo < hi) { // first seq whose revision is greater than afterRevision
                long mid = (lo + hi) >>> 1;
                if (slots.get(slot(mid)).event().revision() <= afterRevision) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return new Position(lo, floorRevision);
        } finally {
            appendLock.unlock();
        }
    }

    long head() {
        return head;
    }

    /** The entry at {@code seq}, or null when it was overwritten. */
    Entry entry(long seq) {
        Entry e = slots.get(slot(seq));
        return e != null && e.seq() == seq ? e : null;
    }

    int capacity() {
        return capacity;
    }

    HistorySource history() {
        return history;
    }

    void remove(HubWatch w) {
        watches.remove(w);
    }

    private int slot(long seq) {
        return (int) (seq % capacity);
    }
}
