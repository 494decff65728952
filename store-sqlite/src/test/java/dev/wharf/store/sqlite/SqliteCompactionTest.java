package dev.wharf.store.sqlite;

import dev.wharf.spi.store.Store;
import dev.wharf.spi.store.WatchEvent;
import dev.wharf.testkit.store.RecordingWatchListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Compaction really removes log rows, in chunks, and keeps exactly what later reads and watches need. */
class SqliteCompactionTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void compactionKeepsLiveValuesAndPrevKvsAndDropsTheRest() throws Exception {
        Path db = dir.resolve("store.db");
        try (SqliteStore store = SqliteStore.open(db, 4, 3)) { // three revisions per compaction chunk
            store.create("/k1", bytes("v1"));                  // 2
            store.update("/k1", bytes("v2"), 2);               // 3
            store.update("/k1", bytes("v3"), 3);               // 4
            store.create("/k2", bytes("x"));                   // 5
            store.delete("/k2", 5);                            // 6
            store.create("/k3", bytes("y"));                   // 7
            store.update("/k1", bytes("v4"), 4);               // 8
            assertThat(logRevisions(db)).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L);

            store.compact(7);
            assertThat(store.compactedRevision()).isEqualTo(7);
            assertThat(logRevisions(db)).as("k1@4 is the prevKv of k1@8; k3@7 and k1@8 are live")
                    .containsExactly(4L, 7L, 8L);
            RecordingWatchListener events = new RecordingWatchListener();
            try (Store.Watch ignored = store.watch("/", 7, events)) {
                WatchEvent e = events.take(1).get(0);
                assertThat(e.revision()).isEqualTo(8);
                assertThat(new String(e.prevKv().value(), StandardCharsets.UTF_8)).isEqualTo("v3");
            }
            store.compact(8);
            assertThat(logRevisions(db)).containsExactly(7L, 8L);
        }
        try (SqliteStore reopened = SqliteStore.open(db)) {
            assertThat(reopened.compactedRevision()).isEqualTo(8);
            assertThat(reopened.currentRevision()).isEqualTo(8);
            assertThat(reopened.range("/", null, 0).kvs()).hasSize(2);
        }
    }

    private static List<Long> logRevisions(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id >> 16 FROM log ORDER BY id")) {
            List<Long> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
            return out;
        }
    }
}
