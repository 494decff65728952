package dev.wharf.testkit.store;

import dev.wharf.spi.store.KeyValue;
import dev.wharf.spi.store.Store;
import dev.wharf.spi.store.WatchEvent;
import dev.wharf.spi.store.WatchFellBehindException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For stores that serve watches from a bounded window of recent events (memory, SQLite): replay from the log when
 * a watch starts before the window, and closing, never waiting for, a watcher that falls behind it.
 */
public abstract class WatchWindowContract {
    protected static final int WINDOW = 8;

    private Store store;

    /** A new, empty store that keeps {@code window} recent events for watches. */
    protected abstract Store newStore(int window) throws Exception;

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void watchOlderThanTheWindowReplaysTheLogThenFollowsLive() throws Exception {
        store = newStore(WINDOW);
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            KeyValue kv = store.create("/r/" + i, bytes("v" + i)).orElseThrow();
            expected.add(kv.modRevision());
            store.create("/other/" + i, bytes("x"));
            expected.add(store.update("/r/" + i, bytes("w" + i), kv.modRevision()).orElseThrow().modRevision());
        }
        RecordingWatchListener events = new RecordingWatchListener();
        try (Store.Watch ignored = store.watch("/r/", 1, events)) {
            List<WatchEvent> got = events.take(expected.size());
            assertThat(got).extracting(WatchEvent::revision).containsExactlyElementsOf(expected);
            WatchEvent update = got.get(1);
            assertThat(new String(update.prevKv().value(), StandardCharsets.UTF_8)).isEqualTo("v0");
            assertThat(update.kv().version()).isEqualTo(2);
            long live = store.create("/r/live", bytes("x")).orElseThrow().modRevision();
            assertThat(events.take(1).get(0).revision()).isEqualTo(live);
        }
    }

    @Test
    void aWatcherThatFallsBehindIsClosedAndNeverBlocksWriters() throws Exception {
        store = newStore(WINDOW);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingWatchListener recorder = new RecordingWatchListener();
        Store.WatchListener slow = new Store.WatchListener() {
            @Override
            public void onEvents(List<WatchEvent> events) {
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                recorder.onEvents(events);
            }

            @Override
            public void onClose(Throwable cause) {
                recorder.onClose(cause);
            }
        };
        store.watch("/s/", store.currentRevision(), slow);
        store.create("/s/first", bytes("x"));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < WINDOW * 3; i++) {
            store.create("/s/" + i, bytes("x")); // would hang here if writers waited for the watcher
        }
        release.countDown();
        assertThat(recorder.awaitClose()).isInstanceOf(WatchFellBehindException.class);
        assertThat(recorder.take(1).get(0).kv().key()).isEqualTo("/s/first");

        RecordingWatchListener fresh = new RecordingWatchListener();
        try (Store.Watch ignored = store.watch("/s/", 1, fresh)) {
            assertThat(fresh.take(WINDOW * 3 + 1)).as("re-watching from the old revision replays the log").hasSize(WINDOW * 3 + 1);
        }
    }

    @Test
    void aListenerThatThrowsEndsItsWatch() throws Exception {
        store = newStore(WINDOW);
        RuntimeException boom = new IllegalStateException("listener bug");
        RecordingWatchListener recorder = new RecordingWatchListener();
        store.watch("/t/", store.currentRevision(), new Store.WatchListener() {
            @Override
            public void onEvents(List<WatchEvent> events) {
                throw boom;
            }

            @Override
            public void onClose(Throwable cause) {
                recorder.onClose(cause);
            }
        });
        store.create("/t/1", bytes("x"));
        assertThat(recorder.awaitClose()).isSameAs(boom);
        assertThat(store.create("/t/2", bytes("x"))).isPresent();
    }
}
