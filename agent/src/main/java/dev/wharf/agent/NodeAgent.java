package dev.wharf.agent;

import dev.wharf.agent.logs.PodLogs;
import dev.wharf.agent.node.NodeFactory;
import dev.wharf.agent.node.NodeHeartbeat;
import dev.wharf.agent.pods.PodSyncer;
import dev.wharf.agent.pods.PodWorkers;
import dev.wharf.agent.pods.Relister;
import dev.wharf.agent.probe.NetworkProbeRunner;
import dev.wharf.agent.probe.ProbeRunner;
import dev.wharf.common.Component;
import dev.wharf.controller.runtime.ApiClient.ListOptions;
import dev.wharf.controller.runtime.Key;
import dev.wharf.controller.runtime.events.EventRecorder;
import dev.wharf.controller.runtime.informer.EventHandler;
import dev.wharf.controller.runtime.informer.Informer;
import dev.wharf.spi.runtime.ContainerStats;
import io.fabric8.kubernetes.api.model.Pod;

import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The node agent (kubelet's role): registers the Node and heartbeats, watches the pods bound to it
 * ({@code fieldSelector=spec.nodeName=<node>}) and runs them through the {@code ContainerRuntime}, one worker per
 * pod. On start it re-adopts the containers the runtime still runs. {@link #stop} leaves containers running (an
 * agent restart); {@link #stopPods} stops them ({@code wharf dev} shutting down).
 */
public final class NodeAgent implements Component {
    private static final Logger LOG = Logger.getLogger(NodeAgent.class.getName());

    private final AgentConfig config;
    private final NodeHeartbeat heartbeat;
    private final Informer<Pod> pods;
    private final PodSyncer syncer;
    private final PodWorkers workers;
    private final Relister relister;
    private final PodLogs logs;
    private final dev.wharf.agent.images.ImageGarbageCollector imageGc;
    private volatile Thread heartbeatThread;
    private volatile boolean running;
    private volatile boolean ready;

    public NodeAgent(AgentConfig config) {
        this.config = config;
        this.heartbeat = new NodeHeartbeat(config);
        this.pods = new Informer<>(config.api(), Pod.class,
                ListOptions.all().withFields("spec.nodeName=" + config.nodeName()));
        EventRecorder events = new EventRecorder(config.api(), config.clock(), "kubelet");
        ProbeRunner probes = config.probeRunner() != null ? config.probeRunner()
                : "fake".equals(config.runtime().name()) ? execOnly(new NetworkProbeRunner(config.runtime()))
                : new NetworkProbeRunner(config.runtime());
        this.syncer = new PodSyncer(config, events, probes, NodeFactory.capacity(config),
                (ns, name) -> pods.cache().get(ns, name));
        this.workers = new PodWorkers(config.clock(), syncer::sync);
        this.relister = new Relister(config.runtime(), syncer, workers::enqueue, config.relistPeriod());
        this.logs = new PodLogs(syncer, config.runtime(), config.clock());
        this.imageGc = new dev.wharf.agent.images.ImageGarbageCollector(config.images(), () -> pods.cache().list(),
                () -> dev.wharf.agent.images.ImageGarbageCollector.usageOf(config.dataDir()), config.clock(),
                Duration.ofMinutes(5));
    }

    /** The fake runtime has no network: httpGet and tcpSocket probes succeed, exec goes to the fake. */
    private static ProbeRunner execOnly(ProbeRunner real) {
        return (probe, c, ip, id) -> probe.getExec() != null ? real.run(probe, c, ip, id) : ProbeRunner.Outcome.OK;
    }

    @Override
    public String name() {
        return "agent " + config.nodeName();
    }

    @Override
    public void start() throws Exception {
        Files.createDirectories(config.dataDir());
        heartbeat.register();
        heartbeat.tick();
        pods.start();
        int adopted = syncer.adopt(pods.cache().list());
        if (adopted > 0) {
            LOG.info("node " + config.nodeName() + ": re-adopted " + adopted + " containers");
        }
        workers.start(config.nodeName());
        pods.addHandler(new EventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                workers.enqueue(Key.of(pod));
            }

            @Override
            public void onUpdate(Pod old, Pod now) {
                workers.enqueue(Key.of(now));
            }

            @Override
            public void onDelete(Pod last) {
                workers.enqueue(Key.of(last));
            }
        });
        relister.relist();
        relister.start(config.nodeName());
        running = true;
        heartbeatThread = Thread.ofPlatform().daemon().name(config.nodeName() + "-heartbeat").start(this::heartbeats);
        ready = true;
    }

    private void heartbeats() {
        while (running) {
            long waitNanos = heartbeat.tick();
            try {
                imageGc.maybeCollect();
            } catch (RuntimeException e) {
                LOG.warning("image garbage collection failed: " + e.getMessage());
            }
            try {
                // the clock may be a test's ManualClock: look again at least every 50 ms of real time
                Thread.sleep(Duration.ofNanos(Math.max(1_000_000, Math.min(waitNanos, 50_000_000))));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void awaitReady(Duration timeout) {
        if (!ready) {
            throw new IllegalStateException(name() + " is not started");
        }
    }

    /** Stops watching and syncing; containers keep running and the next agent on this data dir re-adopts them. */
    @Override
    public void stop() {
        running = false;
        ready = false;
        Thread t = heartbeatThread;
        if (t != null) {
            t.interrupt();
        }
        relister.stop();
        pods.stop();
        workers.stop();
    }

    /** Stops every container this agent runs (SIGTERM, then SIGKILL after {@code grace}); call after {@link #stop}. */
    public void stopPods(Duration grace) {
        syncer.stopAll(grace);
    }

    public AgentConfig config() {
        return config;
    }

    public PodLogs logs() {
        return logs;
    }

    /** cpu/memory of each container of the pod, by container name (the future metrics API reads this). */
    public Map<String, ContainerStats> stats(String namespace, String pod) {
        Map<String, ContainerStats> out = new LinkedHashMap<>();
        for (String name : syncer.containerNames(namespace, pod)) {
            var ref = syncer.container(namespace, pod, name);
            if (ref != null && ref.containerId() != null) {
                try {
                    out.put(name, config.runtime().stats(ref.containerId()));
                } catch (RuntimeException e) {
                    out.put(name, ContainerStats.ZERO);
                }
            }
        }
        return out;
    }

    /** Renews the Lease / Ready heartbeat if due now (tests drive it with a ManualClock). */
    public void heartbeatNow() {
        heartbeat.tick();
    }

    /** Runs one runtime relist now (tests: notice a container exit without waiting for the period). */
    public void relistNow() {
        relister.relist();
    }

    /** True when no pod sync is running or ready to run. */
    public boolean idle() {
        return workers.idle();
    }
}
