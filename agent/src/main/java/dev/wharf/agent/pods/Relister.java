package dev.wharf.agent.pods;

import dev.wharf.controller.runtime.Key;
import dev.wharf.spi.runtime.ContainerRuntime;
import dev.wharf.spi.runtime.ContainerStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * kubelet's PLEG: lists the runtime's containers every period (real time: it only bounds how soon an exit is
 * noticed) and wakes the worker of every pod whose container changed state. Every so often it also rotates
 * container logs that grew past {@link #MAX_LOG_BYTES}, keeping one rotated file beside the live one.
 */
public final class Relister {
    public static final long MAX_LOG_BYTES = 10L * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(Relister.class.getName());

    private final ContainerRuntime runtime;
    private final PodSyncer syncer;
    private final Consumer<Key> wake;
    private final Duration period;
    private Map<String, String> last = new HashMap<>();
    private volatile Thread thread;
    private volatile boolean running;
    private long rounds;

    public Relister(ContainerRuntime runtime, PodSyncer syncer, Consumer<Key> wake, Duration period) {
        this.runtime = runtime;
        this.syncer = syncer;
        this.wake = wake;
        this.period = period;
    }

    public void start(String name) {
        running = true;
        thread = Thread.ofPlatform().daemon().name(name + "-relist").start(this::loop);
    }

    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    private void loop() {
        while (running) {
            try {
                relist();
                if (++rounds % Math.max(1, 10_000 / Math.max(1, period.toMillis())) == 0) {
                    rotateLogs();
                }
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "relist failed", e);
            }
        }
    }

    /** One relist: wakes the pods whose containers appeared, changed state or vanished. */
    public void relist() {
        List<ContainerStatus> now = runtime.list();
        Map<String, String> current = new HashMap<>();
        Set<String> changedPods = new HashSet<>();
        for (ContainerStatus c : now) {
            String sig = c.state() + "/" + c.exitCode();
            current.put(c.id(), c.podUid() + "|" + sig);
            String before = last.get(c.id());
            if (before == null ? c.exited() : !before.equals(c.podUid() + "|" + sig)) {
                changedPods.add(c.podUid());
            }
        }
        for (Map.Entry<String, String> e : last.entrySet()) {
            if (!current.containsKey(e.getKey())) {
                changedPods.add(e.getValue().substring(0, e.getValue().indexOf('|')));
            }
        }
        last = current;
        for (String uid : changedPods) {
            Key key = syncer.keyOfUid(uid);
            if (key != null) {
                wake.accept(key);
            }
        }
    }

    /** Rotates every live log file bigger than {@link #MAX_LOG_BYTES} to {@code <file>.1}. */
    public void rotateLogs() {
        for (ContainerStatus c : runtime.list()) {
            try {
                Path log = runtime.logPath(c.id());
                if (Files.isRegularFile(log) && Files.size(log) > MAX_LOG_BYTES) {
                    runtime.rotateLog(c.id(), log.resolveSibling(log.getFileName() + ".1"));
                }
            } catch (IOException | RuntimeException e) {
                LOG.fine("rotation of " + c.id() + ": " + e.getMessage());
            }
        }
    }
}
