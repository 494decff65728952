package dev.wharf.store.sqlite;

import dev.wharf.spi.store.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An acknowledged write survives kill -9: a child JVM with 20 writer threads prints every create that returned;
 * the test kills it mid-flight, reopens the file and checks every acknowledged key and the log's consistency.
 */
class SqliteDurabilityTest {
    private static final int WRITERS = 20;
    private static final int ACKS_BEFORE_KILL = 3_000;
    private static final Pattern ACK = Pattern.compile("ack (\\S+) (\\d+);");

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedCreateSurvivesKill9() throws Exception {
        Path db = dir.resolve("store.db");
        Path stderr = dir.resolve("child.err");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                DurabilityWriterMain.class.getName(), db.toString(), String.valueOf(WRITERS))
                .redirectError(stderr.toFile())
                .start();
        Map<String, Long> acked = new ConcurrentHashMap<>();
        CountDownLatch enough = new CountDownLatch(ACKS_BEFORE_KILL);
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    Matcher m = ACK.matcher(line);
                    if (m.matches()) { // a line cut by the kill has no ';' and is not counted
                        acked.put(m.group(1), Long.parseLong(m.group(2)));
                        enough.countDown();
                    }
                }
            } catch (java.io.IOException ignored) {
                // the pipe closes when the child dies
            }
        });
        try {
            boolean reached = enough.await(60, TimeUnit.SECONDS);
            assertThat(child.isAlive()).as("child died early: %s", Files.exists(stderr) ? Files.readString(stderr) : "").isTrue();
            assertThat(reached).as("child acknowledged %d creates", acked.size()).isTrue();
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(acked.size()).isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

        long current;
        try (SqliteStore store = SqliteStore.open(db)) {
            current = store.currentRevision();
            for (Map.Entry<String, Long> ack : acked.entrySet()) {
                KeyValue kv = store.get(ack.getKey()).orElse(null);
                assertThat(kv).as("acknowledged key %s", ack.getKey()).isNotNull();
                assertThat(kv.modRevision()).isEqualTo(ack.getValue());
                assertThat(kv.version()).isEqualTo(1);
            }
            assertThat(store.count("/durable/")).isEqualTo(current - 1).isGreaterThanOrEqualTo(acked.size());
            assertThat(store.create("/after-restart", new byte[]{1}).orElseThrow().modRevision()).isEqualTo(current + 1);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement()) {
            ResultSet log = s.executeQuery("SELECT min(id >> 16), max(id >> 16), count(DISTINCT id >> 16) FROM log WHERE name LIKE '/durable/%'");
            log.next();
            assertThat(log.getLong(1)).as("first write revision").isEqualTo(2);
            assertThat(log.getLong(2)).as("last logged revision is the current revision").isEqualTo(current);
            assertThat(log.getLong(3)).as("no revision is missing").isEqualTo(current - 1);
            ResultSet live = s.executeQuery("SELECT count(*) FROM kv WHERE (id >> 16) > " + current + " AND name LIKE '/durable/%'");
            live.next();
            assertThat(live.getLong(1)).as("keys modified after the current revision").isZero();
        }
    }
}
