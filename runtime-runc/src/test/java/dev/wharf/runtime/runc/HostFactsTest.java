package dev.wharf.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.support.ContainerRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OOM answer is not frozen before conmon has recorded the exit (the e2e memory hog once ended "Error"). */
class HostFactsTest {
    @TempDir
    Path dir;

    private final ContainerRecord rec = new ContainerRecord("c-main-0", "sb", "uid", "pod", "ns", "main", 0, Map.of(),
            "log", List.of("sh"), List.of(), "/", Instant.EPOCH, Instant.EPOCH, "/no-such-cgroup-" + System.nanoTime());

    @Test
    void noAnswerIsCachedUntilTheExitIsRecorded() throws Exception {
        assertThat(HostFacts.oomKilled(dir, rec, false)).isFalse();
        assertThat(dir.resolve("oom-killed")).doesNotExist();
        Files.writeString(dir.resolve("oom"), "");
        assertThat(HostFacts.oomKilled(dir, rec, true)).isTrue();
    }

    @Test
    void theOomMarkerWinsOverAnEarlierNo() throws Exception {
        assertThat(HostFacts.oomKilled(dir, rec, true)).isFalse();
        assertThat(Files.readString(dir.resolve("oom-killed"))).isEqualTo("false");
        Files.writeString(dir.resolve("oom"), "");
        assertThat(HostFacts.oomKilled(dir, rec, true)).isTrue();
    }
}
