package dev.wharf.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessesTest {
    @TempDir
    Path dir;

    @Test
    void returnsTheOutputOfACommandThatSucceeds() throws Exception {
        assertThat(ChildProcesses.run(List.of("sh", "-c", "echo out; echo err >&2"), Duration.ofSeconds(10)))
                .contains("out").contains("err");
    }

    @Test
    void aFailingCommandThrowsWithItsOutput() {
        assertThatThrownBy(() -> ChildProcesses.run(List.of("sh", "-c", "echo why; exit 3"), Duration.ofSeconds(10)))
                .isInstanceOf(IOException.class).hasMessageContaining("failed").hasMessageContaining("why");
    }

    @Test
    void aCommandThatOutlivesItsTimeoutIsKilled() throws Exception {
        Path pid = dir.resolve("pid");
        // closes its output at once, so that only the timeout can end the wait
        assertThatThrownBy(() -> ChildProcesses.run(List.of("sh", "-c", "echo $$ > " + pid + "; exec sleep 30 >&- 2>&-"),
                Duration.ofMillis(300))).isInstanceOf(IOException.class).hasMessageContaining("did not finish");
        long child = Long.parseLong(Files.readString(pid).strip());
        ProcessHandle.of(child).ifPresent(h -> h.onExit().orTimeout(5, TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    /** What `wharf dev` does when stopped during `jlink`: the JVM exits on SIGTERM, its command must not run on. */
    @Test
    void aCommandStillRunningWhenTheJvmExitsIsKilled() throws Exception {
        Path pid = dir.resolve("pid");
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Sleeper.class.getName(), pid.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("jvm.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(Files.exists(pid) && !Files.readString(pid).isBlank()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long child = Long.parseLong(Files.readString(pid).strip());
        assertThat(ProcessHandle.of(child)).isPresent();
        jvm.destroy(); // SIGTERM
        assertThat(jvm.waitFor(20, TimeUnit.SECONDS)).isTrue();
        ProcessHandle.of(child).ifPresent(h -> h.onExit().orTimeout(5, TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    /** Runs a 60 s command through {@link ChildProcesses} and waits for it. */
    public static final class Sleeper {
        public static void main(String[] args) throws Exception {
            ChildProcesses.run(List.of("sh", "-c", "echo $$ > " + args[0] + ".tmp && mv " + args[0] + ".tmp " + args[0]
                    + " && exec sleep 60"), Duration.ofMinutes(2));
        }
    }
}
