package dev.wharf.runtime.support;

import dev.wharf.spi.runtime.ContainerRuntimeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short-lived host command (ip, runc, mount, CNI plugins) with output captured through a pipe. Never use it
 * for a process that outlives the call: a detached child holding the pipe would block the read.
 */
public final class Cmd {
    /** Exit code, merged stdout+stderr (or stdout only when {@code separateErr}), and whether it timed out. */
    public record Result(int exitCode, String out, String err, boolean timedOut) {
        public boolean ok() {
            return exitCode == 0 && !timedOut;
        }
    }

    private Cmd() {
    }

    public static Result run(List<String> argv, Duration timeout) {
        return run(argv, null, null, null, timeout);
    }

    /** Like {@link #run(List, Duration)} but throws with the command's stderr when it fails. */
    public static String check(List<String> argv, Duration timeout) {
        Result r = run(argv, timeout);
        if (!r.ok()) {
            throw new ContainerRuntimeException(String.join(" ", argv) + " failed (" + (r.timedOut ? "timed out" : "exit " + r.exitCode)
                    + "): " + (r.err.isBlank() ? r.out : r.err).strip());
        }
        return r.out;
    }

    /**
     * @param env   extra environment (added to the inherited one), or null
     * @param stdin bytes for stdin, or null for none
     */
    public static Result run(List<String> argv, Map<String, String> env, byte[] stdin, Path dir, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (env != null) {
            pb.environment().putAll(env);
        }
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        try {
            Process p = pb.start();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            if (stdin != null) {
                try (var in = p.getOutputStream()) {
                    in.write(stdin);
                }
            }
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(2, TimeUnit.SECONDS);
            }
            // after a timeout, a process we do not own (runc exec's child) may still hold the pipes: do not wait long
            long grace = done ? 2000 : 100;
            return new Result(done ? p.exitValue() : -1, output(out, grace), output(err, grace), !done);
        } catch (IOException e) {
            throw new ContainerRuntimeException("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerRuntimeException("interrupted running " + argv.get(0), e);
        } catch (Exception e) {
            throw new ContainerRuntimeException("cannot read output of " + argv.get(0) + ": " + e, e);
        }
    }

    private static String output(CompletableFuture<String> f, long waitMillis) throws Exception {
        try {
            return f.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return "";
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, Thread::startVirtualThread);
    }

    /** Whether an executable of that name is on PATH. */
    public static boolean onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(":")) {
            if (java.nio.file.Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }
}
