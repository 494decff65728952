package dev.wharf.spi.store;

import java.util.List;
import java.util.Optional;

/**
 * A revisioned key-value store with etcd's model, so that etcd itself fits behind it.
 *
 * <ul>
 *   <li>Every successful write transaction increments one global revision (etcd's "header revision").</li>
 *   <li>Each key carries its create revision, mod revision and version (writes since creation).</li>
 *   <li>{@link #txn} compares revisions, then applies puts and deletes all-or-nothing; it returns only after
 *       the write is durable.</li>
 *   <li>{@link #watch} delivers every change after a revision, in revision order; history before the compacted
 *       revision is gone and asking for it throws {@link CompactedException}.</li>
 * </ul>
 * Keys are strings (Wharf uses "/registry/&lt;group&gt;/&lt;plural&gt;/&lt;namespace&gt;/&lt;name&gt;"); values are bytes.
 */
public interface Store extends AutoCloseable {

    /** The current (latest) revision. A new store starts at 1 (like etcd). */
    long currentRevision();

    /** The revision below which history is compacted; watches from before it fail. */
    long compactedRevision();

    Optional<KeyValue> get(String key);

    /**
     * Keys starting with {@code prefix}, in key order, strictly after {@code startAfter} (null: from the start), at
     * most {@code limit} (0: no limit). Reads the latest state; the result carries the revision it reflects.
     */
    RangeResult range(String prefix, String startAfter, int limit);

    /** Counts the keys under a prefix. */
    long count(String prefix);

    /** Applies {@code txn} atomically and durably. */
    TxnResult txn(Txn txn);

    /**
     * Watches keys under {@code prefix} for changes with a revision greater than {@code afterRevision}. Events are
     * delivered in revision order on a thread of the store's; the listener must not block for long.
     *
     * @throws CompactedException when {@code afterRevision} is older than the retained history
     */
    Watch watch(String prefix, long afterRevision, WatchListener listener);

    /** Discards history up to and including {@code revision}. */
    void compact(long revision);

    @Override
    void close();

    // ---- conveniences over txn ----

    /** Creates {@code key}; returns empty if it already exists. */
    default Optional<KeyValue> create(String key, byte[] value) {
        TxnResult r = txn(Txn.when(Compare.absent(key)).then(Op.put(key, value)).orElse(Op.get(key)).build());
        return r.succeeded() ? Optional.of(r.puts().get(0)) : Optional.empty();
    }

    /** Replaces {@code key} if its mod revision is {@code expectedModRevision}; empty on mismatch or absence. */
    default Optional<KeyValue> update(String key, byte[] value, long expectedModRevision) {
        TxnResult r = txn(Txn.when(Compare.modRevision(key, expectedModRevision)).then(Op.put(key, value)).build());
        return r.succeeded() ? Optional.of(r.puts().get(0)) : Optional.empty();
    }

    /** Deletes {@code key} if its mod revision is {@code expectedModRevision}; returns the deleted value. */
    default Optional<KeyValue> delete(String key, long expectedModRevision) {
        TxnResult r = txn(Txn.when(Compare.modRevision(key, expectedModRevision)).then(Op.delete(key)).build());
        return r.succeeded() && !r.deleted().isEmpty() ? Optional.of(r.deleted().get(0)) : Optional.empty();
    }

    /** A page of keys. {@code more} says whether keys remain after the last one returned. */
    record RangeResult(List<KeyValue> kvs, long revision, boolean more) {
    }

    /** A live watch; close it to stop deliveries. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /** Receives the events of a watch. */
    interface WatchListener {
        void onEvents(List<WatchEvent> events);

        /** The watch ended from the store's side (store closed, or the watcher fell too far behind). */
        default void onClose(Throwable cause) {
        }
    }
}
