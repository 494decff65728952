package dev.wharf.spi.store.support;

import dev.wharf.spi.store.Store;
import dev.wharf.spi.store.WatchEvent;
import dev.wharf.spi.store.WatchFellBehindException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One watch of a {@link WatchHub}: a virtual thread that replays history if needed, then follows the ring at its own
 * cursor. After {@link #close()} returns, the listener is not called again.
 */
final class HubWatch implements Store.Watch, Runnable {
    private static final System.Logger LOG = System.getLogger(HubWatch.class.getName());

    private final WatchHub hub;
    private final String prefix;
    private final Store.WatchListener listener;
    private final Thread thread;
    private final ReentrantLock delivery = new ReentrantLock();
    private long afterRevision; // owned by the thread
    private volatile boolean closed;
    private volatile Throwable endCause;

    HubWatch(WatchHub hub, String prefix, long afterRevision, Store.WatchListener listener, long id) {
        this.hub = hub;
        this.prefix = prefix;
        this.afterRevision = afterRevision;
        this.listener = listener;
        this.thread = Thread.ofVirtual().name("store-watch-" + id).unstarted(this);
    }

    void start() {
        thread.start();
    }

    void wake() {
        LockSupport.unpark(thread);
    }

    /** Ends the watch from the store's side; the listener hears onClose(cause) on the watch's thread. */
    void end(Throwable cause) {
        if (endCause == null) {
            endCause = cause;
        }
        wake();
    }

    @Override
    public void close() {
        closed = true;
        hub.remove(this);
        wake();
        if (Thread.currentThread() != thread) {
            delivery.lock(); // waits for a delivery in progress
            delivery.unlock();
        }
    }

    void awaitExit() {
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        try {
            long next = catchUp();
            while (next >= 0 && !stopped()) {
                long head = hub.head();
                if (next == head) {
                    LockSupport.park(this);
                    continue;
                }
                List<WatchEvent> batch = new ArrayList<>();
                long seq = next;
                for (; seq < head && batch.size() < WatchHub.MAX_BATCH; seq++) {
                    WatchHub.Entry e = hub.entry(seq);
                    if (e == null) {
                        throw new WatchFellBehindException("watch on '" + prefix + "' fell more than "
                                + hub.capacity() + " events behind the store; re-watch from revision " + afterRevision);
                    }
                    if (e.event().kv().key().startsWith(prefix) && e.event().revision() > afterRevision) {
                        batch.add(e.event());
                    }
                }
                next = seq;
                deliver(batch);
            }
        } catch (RuntimeException | Error e) {
            end(e);
        } finally {
            hub.remove(this);
            Throwable cause = endCause;
            if (cause != null && !closed) {
                closed = true;
                try {
                    listener.onClose(cause);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "watch listener failed in onClose", e);
                }
            }
        }
    }

    /** Replays history until the ring covers the cursor; returns the ring position, or -1 if stopped. */
    private long catchUp() {
        while (!stopped()) {
            WatchHub.Position p = hub.position(afterRevision);
            if (p.inRing()) {
                return p.seq();
            }
            while (afterRevision < p.floorRevision() && !stopped()) {
                long upto = Math.min(p.floorRevision(), afterRevision + WatchHub.HISTORY_CHUNK);
                deliver(hub.history().read(prefix, afterRevision, upto));
                afterRevision = upto;
            }
        }
        return -1;
    }

    private void deliver(List<WatchEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        delivery.lock();
        try {
            if (stopped()) {
                return;
            }
            listener.onEvents(List.copyOf(events));
            afterRevision = Math.max(afterRevision, events.get(events.size() - 1).revision());
        } finally {
            delivery.unlock();
        }
    }

    private boolean stopped() {
        return closed || endCause != null;
    }
}
