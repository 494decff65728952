package dev.wharf.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Short-lived helper commands (jlink, ldd, tar...) that must not outlive Wharf: a JVM that exits on SIGTERM leaves
 * its children running, and a jlink still writing into the data directory races the next start's clean-up. Every
 * command run here is killed by one shutdown hook if it is still running when the JVM exits.
 */
public final class ChildProcesses {
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::killAll, "wharf-child-processes"));
    }

    private ChildProcesses() {
    }

    /**
     * Runs {@code cmd}, stdout and stderr together, and returns its output.
     *
     * @throws IOException when it cannot start, exits non-zero (the message holds its output), runs longer than
     *                     {@code timeout} (it is killed) or the calling thread is interrupted (it is killed)
     */
    public static String run(List<String> cmd, Duration timeout) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        RUNNING.add(p);
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException(String.join(" ", cmd) + " did not finish within " + timeout);
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + new String(out, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
            RUNNING.remove(p);
        }
    }

    private static void killAll() {
        for (Process p : RUNNING) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
