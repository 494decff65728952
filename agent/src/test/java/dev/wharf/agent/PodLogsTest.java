package dev.wharf.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static dev.wharf.agent.AgentHarness.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PodLogsTest {
    @TempDir
    Path dir;

    @Test
    void readsCriLogsWithTailTimestampsSincePreviousAndRotation() throws Exception {
        try (AgentHarness h = new AgentHarness(dir).start()) {
            var p = h.create(pod("log").build());
            h.awaitPod("log", AgentHarness::ready);
            String uid = p.getMetadata().getUid();
            Path logs = dir.resolve("data/logs/default_log_" + uid + "/app");
            Files.writeString(logs.resolve("0.log.1"), "2026-01-01T00:00:00.000000001Z stdout F rotated\n");
            Files.writeString(logs.resolve("0.log"), """
                    2026-01-01T00:00:01Z stdout F one
                    2026-01-01T00:00:02Z stderr P tw
                    2026-01-01T00:00:02Z stderr F o
                    2026-01-01T00:00:03Z stdout F three
                    """);
            assertThat(read(h.agent.logs().open("default", "log", null, false, null, false, null, false)))
                    .isEqualTo("rotated\none\ntwo\nthree\n");
            assertThat(read(h.agent.logs().open("default", "log", "app", false, 2L, true, null, false)))
                    .isEqualTo("2026-01-01T00:00:02Z two\n2026-01-01T00:00:03Z three\n");
            h.clock.advance(Duration.ofSeconds(3));
            assertThat(read(h.agent.logs().open("default", "log", "app", false, null, false, 0L, false))).isEqualTo("three\n");
            assertThatThrownBy(() -> h.agent.logs().open("default", "log", "app", false, null, false, null, true))
                    .hasMessageContaining("previous terminated container \"app\" in pod \"log\" not found");
            h.runtime.exit(h.running("log", "app"), 1);
            h.awaitPod("log", x -> AgentHarness.status(x, "app").getRestartCount() == 1);
            assertThat(read(h.agent.logs().open("default", "log", "app", false, 1L, false, null, true))).isEqualTo("three\n");
            assertThat(h.agent.stats("default", "log")).containsKey("app");
        }
    }

    private static String read(InputStream in) throws Exception {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void followStreamsAppendedLinesUntilTheContainerExits() throws Exception {
        try (AgentHarness h = new AgentHarness(dir).start()) {
            var p = h.create(pod("tail").editSpec().withRestartPolicy("Never").endSpec().build());
            h.awaitPod("tail", AgentHarness::ready);
            Path log = dir.resolve("data/logs/default_tail_" + p.getMetadata().getUid() + "/app/0.log");
            Files.writeString(log, "2026-01-01T00:00:01Z stdout F first\n");
            try (InputStream in = h.agent.logs().open("default", "tail", "app", true, null, false, null, false)) {
                byte[] buf = new byte[64];
                int n = in.read(buf);
                assertThat(new String(buf, 0, n, StandardCharsets.UTF_8)).isEqualTo("first\n");
                Files.writeString(log, "2026-01-01T00:00:02Z stdout F second\n", java.nio.file.StandardOpenOption.APPEND);
                n = in.read(buf);
                assertThat(new String(buf, 0, n, StandardCharsets.UTF_8)).isEqualTo("second\n");
                h.runtime.exit(h.running("tail", "app"), 0);
                assertThat(in.read(buf)).isEqualTo(-1);
            }
        }
    }
}
