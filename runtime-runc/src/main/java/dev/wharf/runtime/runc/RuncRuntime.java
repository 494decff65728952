package dev.wharf.runtime.runc;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Optional;
import java.util.stream.Stream;

/**
 * OCI containers with runc: one bundle per container under {@code <root>/containers/<id>} (config.json from
 * {@link OciSpec}, rootfs on {@link Overlay}), run detached under conmon (exit codes and CRI logs survive the
 * agent), in the pod's named network namespace from {@link RuncSandboxes}. Everything needed to re-adopt lives in
 * the root: runc's state ({@code <root>/runc}), our metadata, conmon's exit files.
 */
public final class RuncRuntime implements ContainerRuntime {
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final Path root;
    private final Path containers;
    private final RuncConfig config;
    private final RuncCli runc;
    private final Conmon conmon;
    private final Overlay overlay;
    private final RuncSandboxes sandboxes;
    private final Clock clock;

    public RuncRuntime(Path root, Clock clock, RuncConfig config) {
        this.root = root.toAbsolutePath();
        this.containers = this.root.resolve("containers");
        this.config = config;
        this.clock = clock;
        this.runc = new RuncCli(config.runc(), this.root.resolve("runc"));
        this.conmon = new Conmon(config.conmon(), config.runc(), this.root.resolve("sock"));
        this.overlay = new Overlay(this.root);
        this.sandboxes = new RuncSandboxes(this.root.resolve("sandboxes"), new CniNetwork(config, this.root.resolve("cni")));
    }

    @Override
    public String name() {
        return "runc";
    }

    @Override
    public Sandbox runSandbox(SandboxSpec spec) {
        return sandboxes.run(spec);
    }

    @Override
    public void stopSandbox(String sandboxId) {
        sandboxes.stop(sandboxId);
    }

    @Override
    public void removeSandbox(String sandboxId) {
        for (ContainerStatus c : list()) {
            if (c.sandboxId().equals(sandboxId)) {
                remove(c.id());
            }
        }
        sandboxes.stop(sandboxId);
        sandboxes.remove(sandboxId);
    }

    @Override
    public List<Sandbox> listSandboxes() {
        return sandboxes.list();
    }

    @Override
    public String createContainer(Sandbox sandbox, ContainerSpec spec) {
        Sandbox sb = sandboxes.get(sandbox.id());
        String id;
        Path dir;
        synchronized (this) {
            id = Names.containerId(spec, containers);
            dir = containers.resolve(id);
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path log = spec.logPath() != null ? spec.logPath() : Names.defaultLog(root, spec);
        try {
            overlay.mount(spec.image().layers(), dir);
            Path tini = config.useInit() && Files.isExecutable(config.tini()) && !hasOwnInit(spec) ? config.tini() : null;
            var oci = OciSpec.build(id, sb, spec, sandboxes.etcDir(sb.id()), tini, HostFacts.ownOomScoreAdj(), HostFacts.ownNofileLimit());
            StateFiles.writeJson(dir.resolve("config.json"), oci);
            List<String> argv = new ArrayList<>();
            oci.path("process").path("args").forEach(a -> argv.add(a.asText()));
            List<String> env = new ArrayList<>();
            oci.path("process").path("env").forEach(a -> env.add(a.asText()));
            ContainerRecord rec = ContainerRecord.of(id, sb.id(), spec, log.toString(), argv, env,
                    spec.effectiveWorkingDir(), clock.now());
            StateFiles.writeJson(dir.resolve("meta.json"), rec);
            conmon.create(id, spec.name(), dir, dir, log, runc.stateRoot());
            // runc's init waits in the container's cgroups until start: read them now, an OOM can come at once
            StateFiles.writeJson(dir.resolve("meta.json"), rec.withMemoryCgroup(HostFacts.memoryCgroup(pid(dir))));
            return id;
        } catch (RuntimeException e) {
            runc.delete(id);
            overlay.unmount(dir);
            StateFiles.deleteTree(dir);
            throw e;
        }
    }

    @Override
    public void start(String id) {
        ContainerRecord rec = record(id);
        runc.start(id);
        StateFiles.writeJson(containers.resolve(id).resolve("meta.json"), rec.started(clock.now()));
    }

    @Override
    public void stop(String id, Duration grace) {
        Path dir = containers.resolve(id);
        ContainerStatus st = status(id);
        if (st.exited()) {
            return;
        }
        if (st.running() && !grace.isZero() && runc.kill(id, "TERM") && awaitExit(dir, id, grace)) {
            return;
        }
        runc.kill(id, "KILL");
        if (!awaitExit(dir, id, KILL_WAIT) && runc.state(id).isPresent()) {
            throw new ContainerRuntimeException("container " + id + " did not exit after SIGKILL");
        }
    }

    @Override
    public void remove(String id) {
        Path dir = containers.resolve(id);
        if (!Files.exists(dir.resolve("meta.json"))) {
            return;
        }
        if (!status(id).exited()) {
            stop(id, Duration.ZERO);
        }
        runc.delete(id);
        overlay.unmount(dir);
        StateFiles.deleteTree(dir);
    }

    @Override
    public ContainerStatus status(String id) {
        return status(id, null);
    }

    /** @param known runc's entry for the container from {@code runc list}, or null to ask {@code runc state} */
    private ContainerStatus status(String id, java.util.Map<String, JsonNode> known) {
        ContainerRecord rec = record(id);
        Path dir = containers.resolve(id);
        ContainerState state;
        long pid = 0;
        Integer exitCode = null;
        Instant finishedAt = null;
        String reason = "";
        Optional<String> exit = StateFiles.readText(exitFile(dir, id));
        if (exit.isEmpty()) {
            // a container created after the `runc list` snapshot is not in it: ask runc, do not call it gone
            Optional<JsonNode> rs = known != null && known.containsKey(id) ? Optional.of(known.get(id)) : runc.state(id);
            String s = rs.map(n -> n.path("status").asText()).orElse("missing");
            switch (s) {
                case "created" -> state = ContainerState.CREATED;
                case "running", "paused" -> {
                    state = ContainerState.RUNNING;
                    pid = rs.get().path("pid").asLong();
                }
                default -> {
                    // stopped but conmon has not written the exit file yet, or state lost (host reboot)
                    exit = awaitExitText(dir, id, Duration.ofMillis(500));
                    state = ContainerState.EXITED;
                }
            }
        } else {
            state = ContainerState.EXITED;
        }
        if (state == ContainerState.EXITED) {
            exitCode = exit.map(Integer::parseInt).orElse(255);
            finishedAt = exit.isPresent() ? mtime(exitFile(dir, id)) : rec.startedAt();
            reason = ContainerStatus.reasonFor(exitCode, HostFacts.oomKilled(dir, rec, exit.isPresent()));
        }
        return new ContainerStatus(id, rec.sandboxId(), rec.podUid(), rec.name(), rec.restartCount(), rec.labels(),
                state, pid, exitCode, reason, rec.createdAt(), rec.startedAt(), finishedAt);
    }

    @Override
    public List<ContainerStatus> list() {
        if (!Files.isDirectory(containers)) {
            return List.of();
        }
        var known = runc.list();
        List<Path> dirs;
        try (Stream<Path> listing = Files.list(containers)) {
            dirs = listing.filter(d -> Files.exists(d.resolve("meta.json"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ContainerStatus> out = new java.util.ArrayList<>();
        for (Path d : dirs) {
            try {
                out.add(status(d.getFileName().toString(), known));
            } catch (ContainerRuntimeException e) {
                if (!e.notFound()) {
                    throw e;
                }
                // removed while we listed: it is simply gone
            }
        }
        return out;
    }

    @Override
    public ExecResult exec(String id, List<String> command, Duration timeout) {
        Path dir = containers.resolve(id);
        if (!status(id).running()) {
            throw new ContainerRuntimeException("container " + id + " is not running");
        }
        Path pidFile = dir.resolve("exec-" + Thread.currentThread().threadId() + ".pid");
        List<String> argv = runc.argv("exec", "--pid-file", pidFile.toString(), id);
        argv.addAll(command);
        Cmd.Result r = Cmd.run(argv, null, null, null, timeout);
        if (r.timedOut()) {
            StateFiles.readText(pidFile).map(Long::parseLong).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // best effort
        }
        return new ExecResult(r.timedOut() ? 137 : r.exitCode(), r.out() + r.err(), r.timedOut());
    }

    @Override
    public Path logPath(String id) {
        return Path.of(record(id).logPath());
    }

    /** Rename, then ask conmon to reopen its log (message 2 on the bundle's {@code ctl} FIFO). */
    @Override
    public synchronized void rotateLog(String id, Path rotatedTo) {
        Path log = logPath(id);
        Path dir = containers.resolve(id);
        try {
            if (Files.exists(log)) {
                Files.move(log, rotatedTo, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path ctl = dir.resolve("ctl");
        if (status(id).exited() || !Files.exists(ctl)) {
            return;
        }
        // a FIFO without a reader would block an open for writing: let a shell do it, under a timeout
        Cmd.Result r = Cmd.run(List.of("sh", "-c", "echo '2 0 0' > \"$1\"", "sh", ctl.toString()), Duration.ofSeconds(3));
        if (!r.ok()) {
            throw new ContainerRuntimeException("conmon did not take the log reopen request for " + id);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (!Files.exists(log) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerRuntimeException("interrupted", e);
            }
        }
    }

    @Override
    public LogFormat logFormat() {
        return LogFormat.CRI;
    }

    @Override
    public ContainerStats stats(String id) {
        return status(id).running() ? runc.stats(id) : ContainerStats.ZERO;
    }

    /** Removes this node's bridge (after every sandbox is gone): for tests and node decommissioning. */
    public void destroyNodeNetwork() {
        Cmd.run(List.of("ip", "link", "del", config.bridge()), Duration.ofSeconds(10));
    }

    /** Images that bring an init (tini, dumb-init) as their first argument need no injected one. */
    static boolean hasOwnInit(ContainerSpec spec) {
        String first = spec.processArgs().getFirst();
        String base = first.substring(first.lastIndexOf('/') + 1);
        return base.equals("tini") || base.equals("tini-static") || base.equals("dumb-init") || base.equals("docker-init");
    }

    private ContainerRecord record(String id) {
        return StateFiles.readJson(containers.resolve(id).resolve("meta.json"), ContainerRecord.class)
                .orElseThrow(() -> ContainerRuntimeException.notFound("container", id));
    }

    private static Path exitFile(Path dir, String id) {
        return dir.resolve("exits").resolve(id);
    }

    private static long pid(Path dir) {
        return StateFiles.readText(dir.resolve("pid")).map(Long::parseLong).orElse(0L);
    }

    private static boolean awaitExit(Path dir, String id, Duration timeout) {
        return awaitExitText(dir, id, timeout).isPresent();
    }

    private static Optional<String> awaitExitText(Path dir, String id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> text = StateFiles.readText(exitFile(dir, id)).filter(s -> !s.isEmpty());
            if (text.isPresent() || System.nanoTime() >= deadline) {
                return text;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerRuntimeException("interrupted", e);
            }
        }
    }

    private static Instant mtime(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
