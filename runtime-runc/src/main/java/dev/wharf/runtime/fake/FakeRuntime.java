package dev.wharf.runtime.fake;

import dev.wharf.common.Clock;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A runtime that starts no process: containers "run" until stopped or until a test makes them exit
 * ({@link #exit}, {@link #oomKill}). Deterministic (ids and IPs are sequential, times come from the Clock) and
 * cheap enough for thousands of pods. State lives in a {@link FakeMachine} per root path, so a new instance on the
 * same root re-adopts what an earlier one "started", as an agent restart would.
 */
public final class FakeRuntime implements ContainerRuntime {
    /** Exit code of a container that honours SIGTERM (128 + 15). */
    public static final int SIGTERM_EXIT = 143;
    public static final int SIGKILL_EXIT = 137;

    private static final Map<Path, FakeMachine> MACHINES = new ConcurrentHashMap<>();
    /** 100.96.0.0/12, the pod range, shared by every fake node in this JVM so that pod IPs never clash. */
    private static final AtomicLong SHARED_IPS = new AtomicLong();
    private static final long POD_RANGE = (100L << 24) | (96L << 16);

    private final FakeMachine machine;
    private final Clock clock;

    /** Pod IPs come from 100.96.0.0/12, unique across every fake runtime of the JVM. */
    public FakeRuntime(Path root, Clock clock) {
        this.machine = MACHINES.computeIfAbsent(key(root), r -> new FakeMachine(POD_RANGE, 1L << 20, SHARED_IPS));
        this.clock = clock;
    }

    /** Pod IPs come from {@code a.b.0.0/16} (sequential, deterministic for this root). */
    public FakeRuntime(Path root, Clock clock, int ipA, int ipB) {
        this.machine = MACHINES.computeIfAbsent(key(root),
                r -> new FakeMachine(((long) ipA << 24) | ((long) ipB << 16), 1L << 16, new AtomicLong()));
        this.clock = clock;
    }

    private static Path key(Path root) {
        return root.toAbsolutePath().normalize();
    }

    /** Forgets every machine's state (between test classes). */
    public static void resetAll() {
        MACHINES.clear();
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public Sandbox runSandbox(SandboxSpec spec) {
        return machine.sandboxes.computeIfAbsent("sb-" + spec.podUid(), id -> new Sandbox(id, spec, machine.nextIp(), ""));
    }

    @Override
    public void stopSandbox(String sandboxId) {
    }

    @Override
    public void removeSandbox(String sandboxId) {
        Sandbox removed = machine.sandboxes.remove(sandboxId);
        if (removed != null) {
            machine.containers.values().removeIf(c -> c.sandboxId.equals(sandboxId));
        }
    }

    @Override
    public List<Sandbox> listSandboxes() {
        return machine.sandboxes.values().stream().sorted(Comparator.comparing(Sandbox::id)).toList();
    }

    @Override
    public String createContainer(Sandbox sandbox, ContainerSpec spec) {
        if (!machine.sandboxes.containsKey(sandbox.id())) {
            throw ContainerRuntimeException.notFound("sandbox", sandbox.id());
        }
        spec.processArgs();
        String id = "fake-" + machine.seq.incrementAndGet();
        machine.containers.put(id, new FakeContainer(id, sandbox.id(), spec, clock.now()));
        return id;
    }

    @Override
    public void start(String id) {
        FakeContainer c = get(id);
        synchronized (c) {
            if (c.state != ContainerState.CREATED) {
                throw new ContainerRuntimeException("container " + id + " is " + c.state + ", not CREATED");
            }
            c.state = ContainerState.RUNNING;
            c.pid = 10_000 + machine.seq.incrementAndGet();
            c.startedAt = clock.now();
        }
    }

    @Override
    public void stop(String id, Duration grace) {
        FakeContainer c = get(id);
        synchronized (c) {
            if (c.state == ContainerState.RUNNING) {
                c.exit(c.ignoresSigterm ? SIGKILL_EXIT : SIGTERM_EXIT, false, clock.now());
            } else if (c.state == ContainerState.CREATED) {
                c.state = ContainerState.EXITED;
                c.exitCode = SIGKILL_EXIT;
                c.reason = ContainerStatus.ERROR;
                c.finishedAt = clock.now();
            }
        }
    }

    @Override
    public void remove(String id) {
        machine.containers.remove(id);
    }

    @Override
    public ContainerStatus status(String id) {
        return get(id).status();
    }

    @Override
    public List<ContainerStatus> list() {
        return machine.containers.values().stream().map(FakeContainer::status)
                .sorted(Comparator.comparing(ContainerStatus::id)).toList();
    }

    @Override
    public ExecResult exec(String id, List<String> command, Duration timeout) {
        FakeContainer c = get(id);
        if (!c.status().running()) {
            throw new ContainerRuntimeException("container " + id + " is not running");
        }
        return c.execResult;
    }

    @Override
    public Path logPath(String id) {
        FakeContainer c = get(id);
        return c.spec.logPath() != null ? c.spec.logPath() : Path.of("/dev/null");
    }

    @Override
    public void rotateLog(String id, Path rotatedTo) {
        Path log = logPath(id);
        if (log.equals(Path.of("/dev/null")) || !java.nio.file.Files.exists(log)) {
            return;
        }
        try {
            java.nio.file.Files.move(log, rotatedTo, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            java.nio.file.Files.createFile(log);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public LogFormat logFormat() {
        return LogFormat.CRI;
    }

    @Override
    public ContainerStats stats(String id) {
        return get(id).status().running() ? new ContainerStats(0, 1 << 20, 1) : ContainerStats.ZERO;
    }

    // --- test controls -------------------------------------------------------------------------------------

    /** Makes a running container exit with {@code code}, as if its process ended. */
    public void exit(String id, int code) {
        FakeContainer c = get(id);
        synchronized (c) {
            c.exit(code, false, clock.now());
        }
    }

    /** Makes a running container exit as the kernel's OOM killer would (137, OOMKilled). */
    public void oomKill(String id) {
        FakeContainer c = get(id);
        synchronized (c) {
            c.exit(SIGKILL_EXIT, true, clock.now());
        }
    }

    /** Makes a container ignore SIGTERM: {@link #stop} then reports 137. */
    public void ignoreSigterm(String id) {
        get(id).ignoresSigterm = true;
    }

    /** What {@link #exec} answers for this container (default: exit 0, no output). */
    public void execAnswers(String id, ExecResult result) {
        get(id).execResult = result;
    }

    private FakeContainer get(String id) {
        FakeContainer c = machine.containers.get(id);
        if (c == null) {
            throw ContainerRuntimeException.notFound("container", id);
        }
        return c;
    }
}
