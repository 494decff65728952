package dev.wharf.runtime.runc;

import dev.wharf.spi.runtime.ContainerRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Starts a container's shim: Debian's conmon runs {@code runc create} for the bundle, stays as the container's
 * parent (so it can reap it), writes the exit code to {@code <dir>/exits/<id>} and stdout/stderr to a CRI-format
 * log. It daemonizes and returns before the container exists, so we poll the container pidfile. Its stdio goes to
 * a file, never to a pipe of ours: the shim outlives the agent.
 */
final class Conmon {
    private final Path conmon;
    private final Path runc;
    private final Path socketDir;

    Conmon(Path conmon, Path runc, Path socketDir) {
        this.conmon = conmon;
        this.runc = runc;
        this.socketDir = socketDir;
    }

    /** Creates the container (state {@code created}); returns once runc has written its pidfile. */
    void create(String id, String name, Path bundle, Path containerDir, Path logPath, Path runcRoot) {
        try {
            Files.createDirectories(socketDir);
            Files.createDirectories(containerDir.resolve("exits"));
            Files.createDirectories(logPath.getParent());
            List<String> argv = List.of(conmon.toString(), "--api-version", "1", "-c", id, "-u", id, "-n", name,
                    "-r", runc.toString(), "-b", bundle.toString(), "-p", containerDir.resolve("pid").toString(),
                    "-P", containerDir.resolve("conmon.pid").toString(), "-l", "k8s-file:" + logPath,
                    "--exit-dir", containerDir.resolve("exits").toString(), "--socket-dir-path", socketDir.toString(),
                    "--runtime-arg", "--root", "--runtime-arg", runcRoot.toString(), "--log-level", "error", "--syslog=false");
            Process p = new ProcessBuilder(argv).directory(containerDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(containerDir.resolve("conmon.log").toFile()))
                    .redirectErrorStream(true).start();
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ContainerRuntimeException("conmon did not return for " + id);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!Files.exists(containerDir.resolve("pid"))) {
                if (Files.exists(containerDir.resolve("exits").resolve(id)) || System.nanoTime() > deadline) {
                    throw new ContainerRuntimeException("runc create failed for " + id + ": " + diagnostics(containerDir));
                }
                Thread.sleep(2);
            }
        } catch (IOException e) {
            throw new ContainerRuntimeException("cannot start conmon for " + id + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerRuntimeException("interrupted creating " + id, e);
        }
    }

    private static String diagnostics(Path dir) {
        try {
            Path log = dir.resolve("conmon.log");
            return Files.exists(log) ? Files.readString(log).strip() : "(no conmon output)";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
