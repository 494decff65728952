package dev.wharf.spi.store.support;

import dev.wharf.spi.store.Compare;
import dev.wharf.spi.store.KeyValue;
import dev.wharf.spi.store.Op;
import dev.wharf.spi.store.Txn;
import dev.wharf.spi.store.TxnResult;
import dev.wharf.spi.store.WatchEvent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * etcd's transaction semantics as a pure function, so that every Store applies them identically: compare against
 * the current state, run one branch in op order (a Get sees the earlier ops of its own txn), and produce the result
 * plus the change events. The revision grows by one only when the branch changed something.
 */
public final class TxnEvaluator {
    /** Ops per transaction branch (etcd allows 128 by default; Wharf is more generous). */
    public static final int MAX_OPS = 10_000;

    private static final byte[] EMPTY = new byte[0];

    /** The outcome of one evaluated txn: what the caller gets and what the store must persist and publish. */
    public record Evaluated(TxnResult result, List<WatchEvent> events) {
        public boolean wrote() {
            return !events.isEmpty();
        }
    }

    private TxnEvaluator() {
    }

    /** Rejects malformed transactions before they reach a writer: bad keys, too many ops, a key written twice. */
    public static void validate(Txn txn) {
        if (txn == null) {
            throw new IllegalArgumentException("txn must not be null");
        }
        for (Compare c : txn.compares()) {
            Keys.check(c.key());
        }
        validateBranch(txn.onSuccess(), "success");
        validateBranch(txn.onFailure(), "failure");
    }

    private static void validateBranch(List<Op> ops, String branch) {
        if (ops.size() > MAX_OPS) {
            throw new IllegalArgumentException("txn " + branch + " branch has " + ops.size() + " ops, at most " + MAX_OPS);
        }
        Set<String> written = new HashSet<>();
        for (Op op : ops) {
            Keys.check(op.key());
            if (op instanceof Op.Put put && put.value() == null) {
                throw new IllegalArgumentException("put of " + op.key() + " has a null value");
            }
            if (!(op instanceof Op.Get) && !written.add(op.key())) {
                throw new IllegalArgumentException("duplicate key given in txn request: " + op.key());
            }
        }
    }

    /**
     * Evaluates {@code txn} against the state seen through {@code lookup} (null for a missing key) at
     * {@code currentRevision}. Does not change anything: the caller persists {@link Evaluated#events()}.
     */
    public static Evaluated evaluate(Txn txn, long currentRevision, Function<String, KeyValue> lookup) {
        boolean succeeded = true;
        for (Compare c : txn.compares()) {
            if (!holds(c, lookup.apply(c.key()))) {
                succeeded = false;
                break;
            }
        }
        long rev = currentRevision + 1;
        Map<String, Optional<KeyValue>> overlay = new HashMap<>();
        Function<String, KeyValue> view = k -> {
            Optional<KeyValue> o = overlay.get(k);
            return o != null ? o.orElse(null) : lookup.apply(k);
        };
        List<KeyValue> puts = new ArrayList<>();
        List<KeyValue> deleted = new ArrayList<>();
        List<KeyValue> gets = new ArrayList<>();
        List<WatchEvent> events = new ArrayList<>();
        for (Op op : succeeded ? txn.onSuccess() : txn.onFailure()) {
            KeyValue prev = view.apply(op.key());
            switch (op) {
                case Op.Put put -> {
                    KeyValue kv = prev == null
                            ? new KeyValue(put.key(), put.value(), rev, rev, 1)
                            : new KeyValue(put.key(), put.value(), prev.createRevision(), rev, prev.version() + 1);
                    overlay.put(put.key(), Optional.of(kv));
                    puts.add(kv);
                    events.add(new WatchEvent(WatchEvent.Type.PUT, kv, prev));
                }
                case Op.Delete del -> {
                    if (prev != null) {
                        overlay.put(del.key(), Optional.empty());
                        deleted.add(prev);
                        events.add(new WatchEvent(WatchEvent.Type.DELETE, tombstone(del.key(), rev), prev));
                    }
                }
                case Op.Get get -> gets.add(prev);
            }
        }
        long revision = events.isEmpty() ? currentRevision : rev;
        TxnResult result = new TxnResult(succeeded, revision, List.copyOf(puts), List.copyOf(deleted),
                Collections.unmodifiableList(gets));
        return new Evaluated(result, List.copyOf(events));
    }

    /** The kv of a DELETE event: the key, an empty value, the deletion's revision as modRevision. */
    public static KeyValue tombstone(String key, long revision) {
        return new KeyValue(key, EMPTY, 0, revision, 0);
    }

    private static boolean holds(Compare c, KeyValue kv) {
        long actual = switch (c.target()) {
            case MOD_REVISION -> kv == null ? 0 : kv.modRevision();
            case VERSION -> kv == null ? 0 : kv.version();
            case CREATE_REVISION -> kv == null ? 0 : kv.createRevision();
        };
        return actual == c.value();
    }
}
