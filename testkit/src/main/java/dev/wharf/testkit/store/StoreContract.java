package dev.wharf.testkit.store;

import dev.wharf.common.Randoms;
import dev.wharf.spi.store.CompactedException;
import dev.wharf.spi.store.Compare;
import dev.wharf.spi.store.KeyValue;
import dev.wharf.spi.store.Op;
import dev.wharf.spi.store.Store;
import dev.wharf.spi.store.Txn;
import dev.wharf.spi.store.TxnResult;
import dev.wharf.spi.store.WatchEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link Store} must do, whatever its backend (memory, SQLite, etcd): etcd's revision model, compare-and-
 * swap transactions, ordered prefix ranges and watches with history. Extend it and implement {@link #newStore()};
 * backends that keep data across restarts also override {@link #supportsReopen()} and {@link #reopen()}.
 */
public abstract class StoreContract {
    /** The store under test, opened before each test and closed after it. */
    protected Store store;

    /** A new, empty store. */
    protected abstract Store newStore() throws Exception;

    /** Whether {@link #reopen()} is supported (the backend is durable). */
    protected boolean supportsReopen() {
        return false;
    }

    /** Opens a new instance on the data of the last store (which the suite has already closed). */
    protected Store reopen() throws Exception {
        throw new UnsupportedOperationException("this store keeps no data across instances");
    }

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    protected static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    protected static String text(KeyValue kv) {
        return new String(kv.value(), StandardCharsets.UTF_8);
    }

    private KeyValue put(String key, String value) {
        TxnResult r = store.txn(Txn.when().then(Op.put(key, bytes(value))).build());
        assertThat(r.succeeded()).isTrue();
        return r.puts().get(0);
    }

    // ---- revisions and per-key bookkeeping ----

    @Test
    void newStoreStartsAtRevisionOneAndEmpty() {
        assertThat(store.currentRevision()).isEqualTo(1);
        assertThat(store.compactedRevision()).isZero();
        assertThat(store.count("")).isZero();
        assertThat(store.get("/a")).isEmpty();
    }

    @Test
    void everySuccessfulWriteTxnAddsExactlyOneRevision() {
        assertThat(store.create("/a", bytes("1")).orElseThrow().modRevision()).isEqualTo(2);
        assertThat(store.currentRevision()).isEqualTo(2);
        KeyValue updated = store.update("/a", bytes("2"), 2).orElseThrow();
        assertThat(updated.modRevision()).isEqualTo(3);
        TxnResult multi = store.txn(Txn.when().then(Op.put("/b", bytes("b")), Op.put("/c", bytes("c"))).build());
        assertThat(multi.revision()).isEqualTo(4);
        assertThat(multi.puts()).extracting(KeyValue::modRevision).containsExactly(4L, 4L);
        assertThat(store.delete("/a", 3)).isPresent();
        assertThat(store.currentRevision()).isEqualTo(5);
    }

    @Test
    void txnsThatChangeNothingKeepTheRevision() {
        store.create("/a", bytes("1"));
        assertThat(store.create("/a", bytes("again"))).isEmpty();
        TxnResult onlyGet = store.txn(Txn.when().then(Op.get("/a")).build());
        assertThat(onlyGet.revision()).isEqualTo(2);
        TxnResult deleteMissing = store.txn(Txn.when().then(Op.delete("/missing")).build());
        assertThat(deleteMissing.succeeded()).isTrue();
        assertThat(deleteMissing.deleted()).isEmpty();
        assertThat(deleteMissing.revision()).isEqualTo(2);
        assertThat(store.currentRevision()).isEqualTo(2);
    }

    @Test
    void keysTrackCreateRevisionModRevisionAndVersion() {
        KeyValue created = store.create("/k", bytes("v1")).orElseThrow();
        assertThat(created).extracting(KeyValue::createRevision, KeyValue::modRevision, KeyValue::version)
                .containsExactly(2L, 2L, 1L);
        put("/other", "x");
        KeyValue updated = store.update("/k", bytes("v2"), 2).orElseThrow();
        assertThat(updated).extracting(KeyValue::createRevision, KeyValue::modRevision, KeyValue::version)
                .containsExactly(2L, 4L, 2L);
        KeyValue read = store.get("/k").orElseThrow();
        assertThat(read).extracting(KeyValue::key, KeyValue::createRevision, KeyValue::modRevision, KeyValue::version)
                .containsExactly("/k", 2L, 4L, 2L);
        assertThat(text(read)).isEqualTo("v2");

        KeyValue removed = store.delete("/k", 4).orElseThrow();
        assertThat(text(removed)).isEqualTo("v2");
        assertThat(store.get("/k")).isEmpty();
        KeyValue recreated = store.create("/k", bytes("v3")).orElseThrow();
        assertThat(recreated).extracting(KeyValue::createRevision, KeyValue::modRevision, KeyValue::version)
                .containsExactly(6L, 6L, 1L);
    }

    @Test
    void createOnAnExistingKeyFailsAndShowsTheCurrentValue() {
        store.create("/k", bytes("first"));
        TxnResult r = store.txn(Txn.when(Compare.absent("/k")).then(Op.put("/k", bytes("second")))
                .orElse(Op.get("/k")).build());
        assertThat(r.succeeded()).isFalse();
        assertThat(r.puts()).isEmpty();
        assertThat(text(r.gets().get(0))).isEqualTo("first");
        assertThat(text(store.get("/k").orElseThrow())).isEqualTo("first");
    }

    @Test
    void compareAndSwapWithAStaleModRevisionFails() {
        long rev = store.create("/k", bytes("v1")).orElseThrow().modRevision();
        store.update("/k", bytes("v2"), rev).orElseThrow();
        assertThat(store.update("/k", bytes("v3"), rev)).isEmpty();
        assertThat(store.delete("/k", rev)).isEmpty();
        assertThat(text(store.get("/k").orElseThrow())).isEqualTo("v2");
        assertThat(store.update("/missing", bytes("x"), 5)).isEmpty();
        assertThat(store.get("/missing")).isEmpty();
    }

    @Test
    void comparesOnVersionAndCreateRevision() {
        store.create("/k", bytes("v1"));
        Txn byVersion = Txn.when(new Compare("/k", Compare.Target.VERSION, 1)).then(Op.put("/k", bytes("v2"))).build();
        assertThat(store.txn(byVersion).succeeded()).isTrue();
        assertThat(store.txn(byVersion).succeeded()).isFalse();
        Txn byCreate = Txn.when(new Compare("/k", Compare.Target.CREATE_REVISION, 2)).then(Op.delete("/k")).build();
        assertThat(store.txn(byCreate).deleted()).hasSize(1);
    }

    @Test
    void multiOpTxnIsAllOrNothing() {
        long a = store.create("/a", bytes("a1")).orElseThrow().modRevision();
        store.create("/b", bytes("b1"));
        long before = store.currentRevision();

        TxnResult failed = store.txn(Txn.when(Compare.modRevision("/a", a), Compare.modRevision("/b", 999))
                .then(Op.put("/a", bytes("a2")), Op.delete("/b"), Op.put("/c", bytes("c1"))).build());
        assertThat(failed.succeeded()).isFalse();
        assertThat(store.currentRevision()).isEqualTo(before);
        assertThat(text(store.get("/a").orElseThrow())).isEqualTo("a1");
        assertThat(store.get("/b")).isPresent();
        assertThat(store.get("/c")).isEmpty();

        TxnResult ok = store.txn(Txn.when(Compare.modRevision("/a", a), Compare.absent("/c"))
                .then(Op.put("/a", bytes("a2")), Op.delete("/b"), Op.put("/c", bytes("c1")), Op.get("/c"), Op.get("/b"))
                .build());
        assertThat(ok.succeeded()).isTrue();
        assertThat(ok.revision()).isEqualTo(before + 1);
        assertThat(ok.puts()).extracting(KeyValue::key).containsExactly("/a", "/c");
        assertThat(ok.deleted()).extracting(KeyValue::key).containsExactly("/b");
        assertThat(text(ok.gets().get(0))).as("a Get sees the earlier ops of its txn").isEqualTo("c1");
        assertThat(ok.gets().get(1)).isNull();
        assertThat(store.range("/", null, 0).kvs()).extracting(KeyValue::key).containsExactly("/a", "/c");
    }

    @Test
    void aKeyWrittenTwiceInOneTxnIsRejected() {
        Txn twice = Txn.when().then(Op.put("/k", bytes("1")), Op.delete("/k")).build();
        assertThatThrownBy(() -> store.txn(twice)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.currentRevision()).isEqualTo(1);
    }

    // ---- ranges ----

    @Test
    void rangeListsAPrefixInKeyOrderWithPaging() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            keys.add(String.format("/registry/pods/ns/p%02d", i));
        }
        List<String> shuffled = new ArrayList<>(keys);
        Collections.shuffle(shuffled, Randoms.seeded(42));
        for (String k : shuffled) {
            store.create(k, bytes(k));
        }
        store.create("/registry/pods-other/x", bytes("x"));
        store.create("/registry/pod", bytes("x"));
        store.create("/registry/services/ns/s", bytes("x"));

        Store.RangeResult all = store.range("/registry/pods/", null, 0);
        assertThat(all.kvs()).extracting(KeyValue::key).containsExactlyElementsOf(keys);
        assertThat(all.more()).isFalse();
        assertThat(all.revision()).isEqualTo(store.currentRevision());

        Store.RangeResult first = store.range("/registry/pods/", null, 10);
        assertThat(first.kvs()).extracting(KeyValue::key).containsExactlyElementsOf(keys.subList(0, 10));
        assertThat(first.more()).isTrue();

        List<String> paged = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            Store.RangeResult page = store.range("/registry/pods/", after, 10);
            page.kvs().forEach(kv -> paged.add(kv.key()));
            after = page.kvs().get(page.kvs().size() - 1).key();
            more = page.more();
        }
        assertThat(paged).containsExactlyElementsOf(keys);

        Store.RangeResult exact = store.range("/registry/pods/", keys.get(14), 10);
        assertThat(exact.kvs()).extracting(KeyValue::key).containsExactlyElementsOf(keys.subList(15, 25));
        assertThat(exact.more()).as("exactly the last page").isFalse();
        assertThat(store.range("/registry/pods/", "/registry/zzz", 10).kvs()).isEmpty();
        assertThat(store.range("/nothing/", null, 0).kvs()).isEmpty();
    }

    @Test
    void keysSortByTheirUtf8Bytes() {
        List<String> keys = List.of("/u/a", "/u/z", "/u/\u00e9", "/u/\uffff", "/u/" + Character.toString(0x1F600));
        for (String k : keys.reversed()) {
            store.create(k, bytes(k));
        }
        assertThat(store.range("/u/", null, 0).kvs()).extracting(KeyValue::key).containsExactlyElementsOf(keys);
        assertThat(store.range("/u/", "/u/\u00e9", 0).kvs()).extracting(KeyValue::key)
                .containsExactlyElementsOf(keys.subList(3, 5));
        assertThat(store.count("/u/\u00e9")).isEqualTo(1);
        assertThat(text(store.get("/u/" + Character.toString(0x1F600)).orElseThrow())).isEqualTo("/u/" + Character.toString(0x1F600));
    }

    @Test
    void rangeValuesAndRevisionsMatchGet() {
        store.create("/p/a", bytes("A"));
        store.create("/p/b", bytes("B"));
        store.update("/p/a", bytes("A2"), 2);
        List<KeyValue> kvs = store.range("/p/", null, 0).kvs();
        assertThat(kvs).hasSize(2);
        assertThat(text(kvs.get(0))).isEqualTo("A2");
        assertThat(kvs.get(0)).extracting(KeyValue::createRevision, KeyValue::modRevision, KeyValue::version)
                .containsExactly(2L, 4L, 2L);
        assertThat(text(kvs.get(1))).isEqualTo("B");
    }

    @Test
    void countCountsOnlyThePrefix() {
        for (int i = 0; i < 7; i++) {
            store.create("/a/" + i, bytes("x"));
        }
        store.create("/ab", bytes("x"));
        store.create("/b/1", bytes("x"));
        store.delete("/a/3", store.get("/a/3").orElseThrow().modRevision());
        assertThat(store.count("/a/")).isEqualTo(6);
        assertThat(store.count("/a")).isEqualTo(7);
        assertThat(store.count("")).isEqualTo(8);
        assertThat(store.count("/c/")).isZero();
    }

    // ---- watches ----

    @Test
    void watchReplaysHistoryThenDeliversLiveEventsInOrderWithPrevKv() {
        long r1 = store.create("/w/a", bytes("a1")).orElseThrow().modRevision();
        long r2 = store.update("/w/a", bytes("a2"), r1).orElseThrow().modRevision();
        store.create("/w/b", bytes("b1"));

        RecordingWatchListener events = new RecordingWatchListener();
        try (Store.Watch ignored = store.watch("/w/", r1, events)) {
            List<WatchEvent> replayed = events.take(2);
            assertThat(replayed).extracting(WatchEvent::type, WatchEvent::revision)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(WatchEvent.Type.PUT, r2),
                            org.assertj.core.groups.Tuple.tuple(WatchEvent.Type.PUT, r2 + 1));
            assertThat(text(replayed.get(0).kv())).isEqualTo("a2");
            assertThat(text(replayed.get(0).prevKv())).isEqualTo("a1");
            assertThat(replayed.get(0).prevKv().modRevision()).isEqualTo(r1);
            assertThat(replayed.get(1).prevKv()).isNull();

            long r4 = store.delete("/w/a", r2).map(kv -> store.currentRevision()).orElseThrow();
            store.txn(Txn.when().then(Op.put("/w/c", bytes("c1")), Op.put("/w/b", bytes("b2"))).build());
            List<WatchEvent> live = events.take(3);
            WatchEvent deleted = live.get(0);
            assertThat(deleted.type()).isEqualTo(WatchEvent.Type.DELETE);
            assertThat(deleted.kv().key()).isEqualTo("/w/a");
            assertThat(deleted.revision()).isEqualTo(r4);
            assertThat(text(deleted.prevKv())).isEqualTo("a2");
            assertThat(live.subList(1, 3)).extracting(e -> e.kv().key()).containsExactly("/w/c", "/w/b");
            assertThat(live.subList(1, 3)).extracting(WatchEvent::revision).containsOnly(r4 + 1);
            assertThat(text(live.get(2).prevKv())).isEqualTo("b1");
            assertThat(live.get(2).kv().version()).isEqualTo(2);
        }
    }

    @Test
    void watchFromTheStartReplaysEverything() {
        for (int i = 0; i < 30; i++) {
            store.create("/all/" + i, bytes("v"));
        }
        RecordingWatchListener events = new RecordingWatchListener();
        try (Store.Watch ignored = store.watch("/all/", 0, events)) {
            assertThat(events.take(30)).extracting(WatchEvent::revision)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(2, 31).boxed().toList());
        }
    }

    @Test
    void watchOnAPrefixSeesOnlyThatPrefix() {
        RecordingWatchListener events = new RecordingWatchListener();
        try (Store.Watch ignored = store.watch("/pods/", store.currentRevision(), events)) {
            store.create("/pods-x/a", bytes("no"));
            store.create("/services/a", bytes("no"));
            store.create("/pods/a", bytes("yes"));
            store.create("/pod", bytes("no"));
            store.create("/pods/b", bytes("yes"));
            assertThat(events.take(2)).extracting(e -> e.kv().key()).containsExactly("/pods/a", "/pods/b");
            store.create("/pods/c", bytes("yes"));
            assertThat(events.take(1)).extracting(e -> e.kv().key()).containsExactly("/pods/c");
            assertThat(events.drain()).isEmpty();
        }
    }

    @Test
    void closingAWatchStopsDeliveries() {
        RecordingWatchListener closedOne = new RecordingWatchListener();
        RecordingWatchListener control = new RecordingWatchListener();
        Store.Watch watch = store.watch("/c/", store.currentRevision(), closedOne);
        store.create("/c/1", bytes("1"));
        closedOne.take(1);
        watch.close();
        try (Store.Watch ignored = store.watch("/c/", store.currentRevision(), control)) {
            store.create("/c/2", bytes("2"));
            store.create("/c/3", bytes("3"));
            control.take(2);
        }
        assertThat(closedOne.drain()).isEmpty();
        assertThat(closedOne.isClosedByStore()).as("onClose is for ends from the store's side").isFalse();
    }

    @Test
    void closingTheStoreEndsItsWatches() {
        RecordingWatchListener events = new RecordingWatchListener();
        store.watch("/x/", store.currentRevision(), events);
        store.close();
        assertThat(events.awaitClose()).isNotNull();
    }

    // ---- compaction ----

    @Test
    void compactionMakesOlderWatchesFailAndKeepsLiveKeys() {
        long a = store.create("/k/a", bytes("a1")).orElseThrow().modRevision();
        long b = store.create("/k/b", bytes("b1")).orElseThrow().modRevision();
        store.update("/k/b", bytes("b2"), b);
        store.create("/k/gone", bytes("x"));
        store.delete("/k/gone", store.currentRevision());
        long compactAt = store.currentRevision();
        store.update("/k/a", bytes("a2"), a);

        store.compact(compactAt);
        assertThat(store.compactedRevision()).isEqualTo(compactAt);
        assertThatThrownBy(() -> store.watch("/k/", compactAt - 1, new RecordingWatchListener()))
                .isInstanceOf(CompactedException.class)
                .satisfies(e -> assertThat(((CompactedException) e).compactedRevision()).isEqualTo(compactAt));
        assertThat(store.range("/k/", null, 0).kvs()).extracting(KeyValue::key).containsExactly("/k/a", "/k/b");
        assertThat(text(store.get("/k/b").orElseThrow())).isEqualTo("b2");
        assertThat(store.get("/k/b").orElseThrow().version()).isEqualTo(2);

        RecordingWatchListener events = new RecordingWatchListener();
        try (Store.Watch ignored = store.watch("/k/", compactAt, events)) {
            WatchEvent e = events.take(1).get(0);
            assertThat(text(e.kv())).isEqualTo("a2");
            assertThat(text(e.prevKv())).as("the value before the compacted revision survives as prevKv").isEqualTo("a1");
        }
        store.compact(compactAt - 1); // older than the compacted revision: nothing to do
        assertThat(store.compactedRevision()).isEqualTo(compactAt);
        assertThatThrownBy(() -> store.compact(store.currentRevision() + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- concurrency ----

    @Test
    void concurrentWritersProduceGapFreeRevisions() throws Exception {
        int threads = 8;
        int perThread = 40;
        RecordingWatchListener events = new RecordingWatchListener();
        try (Store.Watch ignored = store.watch("/conc/", 1, events);
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<Long> revs = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        revs.add(store.create("/conc/" + id + "/" + i, bytes("v")).orElseThrow().modRevision());
                    }
                    return revs;
                }));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                List<Long> revs = f.get();
                assertThat(revs).as("each writer sees its own writes in order").isSorted();
                all.addAll(revs);
            }
            Collections.sort(all);
            int total = threads * perThread;
            assertThat(all).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(2, total + 1).boxed().toList());
            assertThat(store.currentRevision()).isEqualTo(total + 1);
            assertThat(events.take(total)).extracting(WatchEvent::revision).containsExactlyElementsOf(all);
        }
    }

    @Test
    void rangeDuringWritesIsASnapshotAtItsRevision() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        store.create("/snap/" + id + "/" + i, bytes("v"));
                    }
                }));
            }
            boolean writing = true;
            while (writing) {
                writing = writers.stream().anyMatch(f -> !f.isDone());
                Store.RangeResult r = store.range("/snap/", null, 0);
                assertThat(r.kvs()).allSatisfy(kv -> assertThat(kv.modRevision()).isLessThanOrEqualTo(r.revision()));
                assertThat((long) r.kvs().size()).as("every create is one revision").isEqualTo(r.revision() - 1);
            }
            for (Future<?> f : writers) {
                f.get();
            }
        }
        assertThat(store.count("/snap/")).isEqualTo(200);
    }

    // ---- durability ----

    @Test
    void reopenedStoreKeepsStateRevisionsAndHistory() throws Exception {
        Assumptions.assumeTrue(supportsReopen(), "the backend is not durable");
        long a = store.create("/d/a", bytes("a1")).orElseThrow().modRevision();
        store.update("/d/a", bytes("a2"), a);
        store.create("/d/b", bytes("b1"));
        store.delete("/d/b", store.currentRevision());
        long compactAt = store.currentRevision() - 2;
        store.compact(compactAt);
        long revision = store.currentRevision();
        store.close();
        store = reopen();

        assertThat(store.currentRevision()).isEqualTo(revision);
        assertThat(store.compactedRevision()).isEqualTo(compactAt);
        KeyValue kv = store.get("/d/a").orElseThrow();
        assertThat(text(kv)).isEqualTo("a2");
        assertThat(kv).extracting(KeyValue::createRevision, KeyValue::modRevision, KeyValue::version)
                .containsExactly(a, a + 1, 2L);
        assertThat(store.get("/d/b")).isEmpty();
        assertThatThrownBy(() -> store.watch("/d/", compactAt - 1, new RecordingWatchListener()))
                .isInstanceOf(CompactedException.class);
        RecordingWatchListener events = new RecordingWatchListener();
        try (Store.Watch ignored = store.watch("/d/", compactAt, events)) {
            assertThat(events.take(2)).extracting(WatchEvent::type)
                    .containsExactly(WatchEvent.Type.PUT, WatchEvent.Type.DELETE);
        }
        assertThat(store.create("/d/c", bytes("c")).orElseThrow().modRevision()).isEqualTo(revision + 1);
    }
}
