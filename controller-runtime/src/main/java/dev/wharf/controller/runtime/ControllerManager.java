package dev.wharf.controller.runtime;

import dev.wharf.common.Clock;
import dev.wharf.common.Component;
import dev.wharf.controller.runtime.informer.Informer;
import dev.wharf.controller.runtime.leader.LeaderElector;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs shared informers (one per kind, whatever the number of controllers watching it) and controllers. With a
 * {@link LeaderElector}, only the leader runs them: the others wait, and a leader that loses its lease stops.
 * Tests call {@link #startInformers()} and then {@link #runUntilIdle()} to reconcile on their own thread.
 */
public final class ControllerManager implements Component {
    private final ApiClient api;
    private final Clock clock;
    private final Map<Class<?>, Informer<?>> informers = new LinkedHashMap<>();
    private final List<Controller> controllers = new ArrayList<>();
    private LeaderElector elector;
    private Thread electionLoop;
    private volatile boolean running;
    private volatile boolean lostLeadership;
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(ControllerManager.class.getName());

    public ControllerManager(ApiClient api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "controller-manager";
    }

    public ApiClient api() {
        return api;
    }

    public Clock clock() {
        return clock;
    }

    /** The shared informer of this kind (created on first use). */
    @SuppressWarnings("unchecked")
    public synchronized <T extends HasMetadata> Informer<T> informer(Class<T> type) {
        return (Informer<T>) informers.computeIfAbsent(type, t -> new Informer<>(api, type));
    }

    public synchronized Controller add(Controller controller) {
        controllers.add(controller);
        return controller;
    }

    public synchronized List<Controller> controllers() {
        return List.copyOf(controllers);
    }

    public ControllerManager withLeaderElection(LeaderElector elector) {
        this.elector = elector;
        return this;
    }

    /** True once this manager led and then lost its lease: it stopped for good and should be restarted. */
    public boolean lostLeadership() {
        return lostLeadership;
    }

    /** Lists and watches every informer, without starting workers. */
    public synchronized void startInformers() {
        for (Informer<?> informer : informers.values()) {
            if (!informer.hasSynced()) {
                informer.start();
            }
        }
    }

    @Override
    public void start() {
        running = true;
        if (elector == null) {
            lead();
            return;
        }
        electionLoop = Thread.ofPlatform().daemon().name("leader-election").start(() -> {
            boolean leading = false;
            while (running) {
                boolean now;
                try {
                    now = elector.tryAcquireOrRenew();
                } catch (RuntimeException e) {
                    LOG.warning("leader election round failed: " + e);
                    now = false;
                }
                if (now && !leading) {
                    lead();
                } else if (!now && leading) {
                    // As kube-controller-manager exits: another instance leads now, and our queues are gone.
                    LOG.severe("lost the lease " + elector.identity() + " held; controllers stopped");
                    stopAll();
                    running = false;
                    lostLeadership = true;
                    return;
                }
                leading = now;
                try {
                    Thread.sleep(elector.retryPeriod().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private synchronized void lead() {
        startInformers();
        for (Controller c : controllers) {
            c.start();
        }
    }

    @Override
    public void awaitReady(Duration timeout) {
        // Informers list synchronously in start(); nothing to wait for.
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        if (electionLoop != null) {
            electionLoop.interrupt();
            // Wait for a renewal in flight, so that the release below is the lease's last write.
            electionLoop.join(Duration.ofSeconds(5));
        }
        stopAll();
        if (elector != null) {
            elector.release();
        }
    }

    private synchronized void stopAll() {
        for (Controller c : controllers) {
            c.stop();
        }
        for (Informer<?> i : informers.values()) {
            i.stop();
        }
    }

    /**
     * Reconciles ready keys of every controller on the calling thread until none is ready; returns how many
     * reconciles ran. Throws when the controllers do not settle (a hot loop).
     */
    public int runUntilIdle() {
        int steps = 0;
        boolean progressed = true;
        while (progressed) {
            progressed = false;
            for (Controller c : controllers()) {
                while (c.processNext()) {
                    progressed = true;
                    if (++steps > 100_000) {
                        throw new IllegalStateException("controllers did not settle after 100000 reconciles");
                    }
                }
            }
        }
        return steps;
    }
}
