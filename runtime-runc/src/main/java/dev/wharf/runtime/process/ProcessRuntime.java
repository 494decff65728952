package dev.wharf.runtime.process;

import dev.wharf.common.Clock;
import dev.wharf.runtime.support.Cmd;
import dev.wharf.runtime.support.ContainerRecord;
import dev.wharf.runtime.support.Names;
import dev.wharf.runtime.support.StateFiles;
import dev.wharf.spi.runtime.ContainerRuntime;
import dev.wharf.spi.runtime.ContainerRuntimeException;
import dev.wharf.spi.runtime.ContainerSpec;
import dev.wharf.spi.runtime.ContainerState;
import dev.wharf.spi.runtime.ContainerStats;
import dev.wharf.spi.runtime.ContainerStatus;
import dev.wharf.spi.runtime.ExecResult;
import dev.wharf.spi.runtime.LogFormat;
import dev.wharf.spi.runtime.Sandbox;
import dev.wharf.spi.runtime.SandboxSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Containers as plain host processes, for machines without runc or root. Each pod gets a loopback address from
 * {@code 127.<b>.0.0/16} and the variables {@code POD_IP} and {@code PORT}; the image rootfs is only used to find
 * the command and working directory in its layers. A small {@code sh} wrapper in its own session starts the
 * command in a new process group, appends its output to the log file and writes the exit code to a file, so a new
 * runtime instance (after an agent restart) re-adopts running processes and still learns how they ended.
 *
 * <p>Not isolated: mounts, users, capabilities and limits are ignored (see the module README).
 */
public final class ProcessRuntime implements ContainerRuntime {
    /** The wrapper: $1 = state dir, $2 = log file, rest = argv. */
    private static final String WRAPPER = """
            d=$1; log=$2; shift 2
            setsid "$@" </dev/null >>"$log" 2>&1 &
            echo $! > "$d/pid.tmp"; mv "$d/pid.tmp" "$d/pid"
            wait $!
            echo $? > "$d/exit.tmp"; mv "$d/exit.tmp" "$d/exit"
            """;
    public static final String DEFAULT_PORT = "8080";

    private final Path root;
    private final Path containers;
    private final ProcessSandboxes sandboxes;
    private final Clock clock;

    /** @param ipB second octet of this runtime's loopback range, so that several agents on one host do not clash */
    public ProcessRuntime(Path root, Clock clock, int ipB) {
        this.root = root.toAbsolutePath();
        this.containers = this.root.resolve("containers");
        this.sandboxes = new ProcessSandboxes(this.root.resolve("sandboxes"), ipB);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public Sandbox runSandbox(SandboxSpec spec) {
        return sandboxes.run(spec);
    }

    @Override
    public void stopSandbox(String sandboxId) {
    }

    @Override
    public void removeSandbox(String sandboxId) {
        for (ContainerStatus c : list()) {
            if (c.sandboxId().equals(sandboxId)) {
                remove(c.id());
            }
        }
        sandboxes.remove(sandboxId);
    }

    @Override
    public List<Sandbox> listSandboxes() {
        return sandboxes.list();
    }

    @Override
    public synchronized String createContainer(Sandbox sandbox, ContainerSpec spec) {
        Sandbox sb = sandboxes.get(sandbox.id());
        LayerResolver layers = new LayerResolver(spec.image());
        List<String> env = new ArrayList<>(spec.processEnv());
        List<String> imagePath = env.stream().filter(e -> e.startsWith("PATH=")).reduce((a, b) -> b)
                .map(e -> List.of(e.substring(5).split(":"))).orElse(LayerResolver.DEFAULT_PATH);
        env.removeIf(e -> e.startsWith("PATH="));
        env.add("PATH=" + layers.hostPath(imagePath));
        env.add("POD_IP=" + sb.ip());
        if (env.stream().noneMatch(e -> e.startsWith("PORT="))) {
            env.add("PORT=" + DEFAULT_PORT);
        }
        env.add("HOSTNAME=" + sb.spec().hostname());
        List<String> argv = new ArrayList<>(spec.processArgs());
        argv.set(0, layers.executable(argv.get(0), imagePath));
        String id = Names.containerId(spec, containers);
        Path log = spec.logPath() != null ? spec.logPath() : Names.defaultLog(root, spec);
        ContainerRecord rec = ContainerRecord.of(id, sb.id(), spec, log.toString(), argv, env,
                layers.workingDir(spec.effectiveWorkingDir()).toString(), clock.now());
        StateFiles.writeJson(containers.resolve(id).resolve("meta.json"), rec);
        return id;
    }

    @Override
    public synchronized void start(String id) {
        ContainerRecord rec = record(id);
        Path dir = containers.resolve(id);
        if (rec.startedAt() != null || Files.exists(dir.resolve("exit"))) {
            throw new ContainerRuntimeException("container " + id + " was already started");
        }
        try {
            Files.createDirectories(Path.of(rec.logPath()).getParent());
            List<String> cmd = new ArrayList<>(List.of("setsid", "/bin/sh", "-c", WRAPPER, "wharf-process", dir.toString(), rec.logPath()));
            cmd.addAll(rec.argv());
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(Path.of(rec.workingDir()).toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("wrapper.log").toFile()))
                    .redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.clear();
            for (String kv : rec.env()) {
                int eq = kv.indexOf('=');
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            pb.start();
        } catch (IOException e) {
            throw new ContainerRuntimeException("cannot start " + id + ": " + e.getMessage(), e);
        }
        StateFiles.writeJson(dir.resolve("meta.json"), rec.started(clock.now()));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!Files.exists(dir.resolve("pid")) && !Files.exists(dir.resolve("exit"))) {
            if (System.nanoTime() > deadline) {
                throw new ContainerRuntimeException("container " + id + " did not start within 5s");
            }
            Thread.onSpinWait();
            sleepQuietly(2);
        }
    }

    @Override
    public void stop(String id, Duration grace) {
        Path dir = containers.resolve(id);
        ContainerRecord rec = record(id);
        if (rec.startedAt() == null && !Files.exists(dir.resolve("exit"))) {
            // never started: it ends as if killed, like runc's created containers
            StateFiles.write(dir.resolve("exit"), "137\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        long pid = pid(dir);
        if (pid <= 0 || Files.exists(dir.resolve("exit"))) {
            return;
        }
        PidSignals.signalGroup(pid, "TERM");
        if (!awaitExitFile(dir, grace)) {
            PidSignals.signalGroup(pid, "KILL");
            if (!awaitExitFile(dir, Duration.ofSeconds(10))) {
                throw new ContainerRuntimeException("container " + id + " did not exit after SIGKILL");
            }
        }
    }

    @Override
    public void remove(String id) {
        Path dir = containers.resolve(id);
        if (!Files.exists(dir.resolve("meta.json"))) {
            return;
        }
        if (status(id).running()) {
            stop(id, Duration.ZERO);
        }
        StateFiles.deleteTree(dir);
    }

    @Override
    public ContainerStatus status(String id) {
        ContainerRecord rec = record(id);
        Path dir = containers.resolve(id);
        ContainerState state;
        long pid = 0;
        Integer exitCode = null;
        Instant finishedAt = null;
        Optional<String> exit = StateFiles.readText(dir.resolve("exit"));
        if (exit.isPresent()) {
            state = ContainerState.EXITED;
            exitCode = Integer.parseInt(exit.get());
            finishedAt = mtime(dir.resolve("exit"));
        } else if (rec.startedAt() == null) {
            state = ContainerState.CREATED;
        } else if (PidSignals.alive(pid(dir))) {
            state = ContainerState.RUNNING;
            pid = pid(dir);
        } else if (awaitExitFile(dir, Duration.ofSeconds(1))) {
            // the process just ended; the wrapper writes its exit code a moment later
            return status(id);
        } else {
            // the wrapper is gone too (host reboot, killed): the exit code is lost
            state = ContainerState.EXITED;
            exitCode = 255;
            finishedAt = rec.startedAt();
        }
        String reason = exitCode == null ? "" : ContainerStatus.reasonFor(exitCode, false);
        return new ContainerStatus(id, rec.sandboxId(), rec.podUid(), rec.name(), rec.restartCount(), rec.labels(),
                state, pid, exitCode, reason, rec.createdAt(), rec.startedAt(), finishedAt);
    }

    @Override
    public List<ContainerStatus> list() {
        if (!Files.isDirectory(containers)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(containers)) {
            return dirs.filter(d -> Files.exists(d.resolve("meta.json"))).sorted()
                    .map(d -> status(d.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ExecResult exec(String id, List<String> command, Duration timeout) {
        ContainerRecord rec = record(id);
        if (!status(id).running()) {
            throw new ContainerRuntimeException("container " + id + " is not running");
        }
        List<String> argv = new ArrayList<>(command);
        String path = rec.env().stream().filter(e -> e.startsWith("PATH=")).findFirst().orElse("PATH=").substring(5);
        argv.set(0, resolveOnPath(argv.get(0), path));
        Map<String, String> env = new java.util.HashMap<>();
        rec.env().forEach(kv -> env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1)));
        Cmd.Result r = Cmd.run(argv, env, null, Path.of(rec.workingDir()), timeout);
        return new ExecResult(r.timedOut() ? 137 : r.exitCode(), r.out() + r.err(), r.timedOut());
    }

    @Override
    public Path logPath(String id) {
        return Path.of(record(id).logPath());
    }

    /**
     * copytruncate: the wrapper's shell opened the log with O_APPEND, so after the copy and the truncation the
     * process goes on writing at the (new) end. Lines written between copy and truncate could be lost; the
     * container's stdout is ours only through that file descriptor, so this is the price of holding no pipe.
     */
    @Override
    public synchronized void rotateLog(String id, Path rotatedTo) {
        Path log = logPath(id);
        if (!Files.exists(log)) {
            return;
        }
        try (var in = java.nio.channels.FileChannel.open(log, java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE);
             var out = java.nio.channels.FileChannel.open(rotatedTo, java.nio.file.StandardOpenOption.CREATE,
                     java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            long size = in.size();
            long copied = 0;
            while (copied < size) {
                copied += in.transferTo(copied, size - copied, out);
            }
            in.truncate(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public LogFormat logFormat() {
        return LogFormat.RAW;
    }

    @Override
    public ContainerStats stats(String id) {
        ContainerStatus st = status(id);
        return st.running() ? ProcStats.ofTree(st.pid()) : ContainerStats.ZERO;
    }

    private ContainerRecord record(String id) {
        return StateFiles.readJson(containers.resolve(id).resolve("meta.json"), ContainerRecord.class)
                .orElseThrow(() -> ContainerRuntimeException.notFound("container", id));
    }

    private static long pid(Path dir) {
        return StateFiles.readText(dir.resolve("pid")).map(Long::parseLong).orElse(0L);
    }

    private static boolean awaitExitFile(Path dir, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(dir.resolve("exit"))) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            sleepQuietly(10);
        }
        return true;
    }

    private static String resolveOnPath(String name, String path) {
        if (name.contains("/")) {
            return name;
        }
        for (String d : path.split(":")) {
            Path p = Path.of(d, name);
            if (!d.isEmpty() && Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return name;
    }

    private static Instant mtime(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerRuntimeException("interrupted", e);
        }
    }
}
