package dev.wharf.agent.pods;

import dev.wharf.agent.AgentConfig;
import dev.wharf.agent.dns.PodResolvConf;
import dev.wharf.agent.env.EnvResolver;
import dev.wharf.agent.probe.ProbeRunner;
import dev.wharf.agent.volumes.VolumeManager;
import dev.wharf.common.Backoff;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controller.runtime.Key;
import dev.wharf.controller.runtime.Result;
import dev.wharf.controller.runtime.events.EventRecorder;
import dev.wharf.spi.runtime.ContainerRuntime;
import dev.wharf.spi.runtime.ContainerRuntimeException;
import dev.wharf.spi.runtime.ContainerSpec;
import dev.wharf.spi.runtime.ContainerStatus;
import dev.wharf.spi.runtime.Mount;
import dev.wharf.spi.runtime.SandboxSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateRunning;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * One level-triggered sync of one pod (kubelet's syncPod): compare what the pod asks for with what the runtime
 * has, do the next steps (pull, sandbox, volumes, init containers in order, containers, restarts with back-off,
 * probes, graceful termination) and report the status. Returns when it next needs to look again (a probe or a
 * back-off falling due); container exits wake it through the relist ({@link Relister}).
 */
public final class PodSyncer {
    private static final Logger LOG = Logger.getLogger(PodSyncer.class.getName());

    final AgentConfig config;
    final ContainerRuntime runtime;
    final ApiClient api;
    final EventRecorder events;
    final VolumeManager volumes;
    final EnvResolver env;
    final ImagePuller puller;
    final Probes probes;
    final Backoff backoff;
    final StatusWriter status;
    private final BiFunction<String, String, Pod> lister;
    final Map<Key, PodState> states = new ConcurrentHashMap<>();

    public PodSyncer(AgentConfig config, EventRecorder events, ProbeRunner probeRunner, Map<String, Quantity> allocatable,
                     BiFunction<String, String, Pod> lister) {
        this.config = config;
        this.runtime = config.runtime();
        this.api = config.api();
        this.events = events;
        this.lister = lister;
        this.backoff = new Backoff(config.backoffBase(), config.backoffMax());
        this.volumes = new VolumeManager(api, config.dataDir());
        this.env = new EnvResolver(api, allocatable);
        this.puller = new ImagePuller(config.images(), api, events, config.clock(), backoff);
        this.probes = new Probes(this, probeRunner);
        this.status = new StatusWriter(this);
    }

    /** The pod key whose containers include {@code podUid}, or null. */
    public Key keyOfUid(String podUid) {
        for (Map.Entry<Key, PodState> e : states.entrySet()) {
            if (e.getValue().uid.equals(podUid)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** The runtime id and restart count of a container's current and previous instances (for logs). */
    public ContainerRef container(String namespace, String pod, String container) {
        PodState st = states.get(Key.of(namespace, pod));
        if (st == null) {
            return null;
        }
        ContainerRun run = st.containers.get(container);
        return run == null ? null : new ContainerRef(st.uid, run.containerId, run.restartCount, logPath(st.namespace,
                st.name, st.uid, container, run.restartCount));
    }

    /** A container instance as logs and stats see it. */
    public record ContainerRef(String podUid, String containerId, int restartCount, Path logPath) {
    }

    public List<ContainerRef> containers(String namespace, String pod) {
        PodState st = states.get(Key.of(namespace, pod));
        List<ContainerRef> out = new ArrayList<>();
        if (st != null) {
            st.containers.values().forEach(r -> out.add(new ContainerRef(st.uid, r.containerId, r.restartCount,
                    logPath(st.namespace, st.name, st.uid, r.name, r.restartCount))));
        }
        return out;
    }

    public List<String> containerNames(String namespace, String pod) {
        PodState st = states.get(Key.of(namespace, pod));
        return st == null ? List.of() : List.copyOf(st.containers.keySet());
    }

    /** Re-adopts what the runtime still runs (see {@link Adopter}); returns how many containers were kept. */
    public int adopt(List<Pod> pods) {
        return Adopter.adopt(this, pods);
    }

    /** Stops every container of every pod this agent runs, and their sandboxes ({@code wharf dev} shutdown). */
    /**
     * Stops every pod of this node and removes its containers and sandbox (their mounts and network), keeping the
     * pods' volumes: the next agent on this data dir starts the pods again, as after a node reboot.
     */
    public void stopAll(Duration grace) {
        for (Map.Entry<Key, PodState> e : List.copyOf(states.entrySet())) {
            PodState st = e.getValue();
            new Terminator(this).kill(lister.apply(st.namespace, st.name), st, grace);
            removeContainersAndSandbox(st);
            states.remove(e.getKey());
        }
    }

    public Result sync(Key key) {
        Pod pod = lister.apply(key.namespace(), key.name());
        PodState st = states.get(key);
        if (pod == null) {
            if (st != null) {
                new Terminator(this).kill(null, st, Duration.ZERO);
                teardown(st);
                states.remove(key);
            }
            return Result.DONE;
        }
        String uid = pod.getMetadata().getUid();
        if (st != null && !st.uid.equals(uid)) {
            new Terminator(this).kill(null, st, Duration.ZERO);
            teardown(st);
            states.remove(key);
            st = null;
        }
        if (st == null) {
            st = new PodState(uid, key.namespace(), key.name());
            states.put(key, st);
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return new Terminator(this).terminate(pod, st);
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (("Succeeded".equals(phase) || "Failed".equals(phase)) && st.containers.values().stream()
                .noneMatch(r -> r.containerId != null && r.finalTermination == null)) {
            return Result.DONE;
        }
        return run(pod, st);
    }

    /** The pod's resolv.conf with cluster DNS on; "" (the runtime's default) with it off. */
    private String resolvConf(Pod pod) {
        return config.clusterDns().isEmpty() ? "" : PodResolvConf.render(pod, config.clusterDns(),
                config.clusterDomain(), PodResolvConf.hostResolvConf());
    }

    private Result run(Pod pod, PodState st) {
        long now = config.clock().nanoTime();
        if (st.sandbox == null) {
            try {
                st.sandbox = runtime.runSandbox(new SandboxSpec(st.uid, st.name, st.namespace,
                        pod.getSpec().getHostname(), resolvConf(pod), List.of(),
                        Map.of(ContainerSpecs.LABEL_POD_UID, st.uid)));
            } catch (ContainerRuntimeException e) {
                events.warning(pod, "FailedCreatePodSandBox", "Failed to create pod sandbox: " + e.getMessage());
                throw e;
            }
        }
        if (st.startTime == null) {
            st.startTime = pod.getStatus() != null && pod.getStatus().getStartTime() != null
                    ? pod.getStatus().getStartTime() : StatusWriter.time(config.clock().now());
        }
        long wake = Long.MAX_VALUE;
        if (st.volumes == null) {
            try {
                st.volumes = volumes.prepare(pod);
            } catch (ConfigException e) {
                events.warning(pod, "FailedMount", "MountVolume.SetUp failed: " + e.getMessage());
                wake = now + config.backoffBase().toNanos();
            }
        }
        boolean initDone = st.volumes != null;
        if (st.volumes != null && pod.getSpec().getInitContainers() != null) {
            for (Container c : pod.getSpec().getInitContainers()) {
                ContainerRun r = st.container(c.getName(), true);
                if (r.completed()) {
                    continue;
                }
                String policy = "Never".equals(pod.getSpec().getRestartPolicy()) ? "Never" : "OnFailure";
                wake = Math.min(wake, step(pod, st, c, r, policy));
                if (!r.completed()) {
                    initDone = false;
                    break;
                }
            }
        }
        for (Container c : pod.getSpec().getContainers()) {
            ContainerRun r = st.container(c.getName(), false);
            if (initDone) {
                wake = Math.min(wake, step(pod, st, c, r, restartPolicy(pod)));
            } else if (r.containerId == null) {
                r.state = ContainerRun.waiting("PodInitializing", null);
            }
        }
        status.write(pod, st, initDone);
        return wake == Long.MAX_VALUE ? Result.DONE
                : Result.after(Duration.ofNanos(Math.max(1_000_000, wake - config.clock().nanoTime())));
    }

    static String restartPolicy(Pod pod) {
        return pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
    }

    /** Moves one container a step towards running; returns the nanoTime it next needs a look (MAX: only on events). */
    private long step(Pod pod, PodState st, Container c, ContainerRun r, String policy) {
        long now = config.clock().nanoTime();
        ContainerStatus rs = r.containerId == null ? null : runtime.find(r.containerId).orElse(null);
        if (rs != null && rs.running()) {
            r.state = running(rs.startedAt());
            long next = probes.check(pod, st, c, r, rs);
            if (next != Probes.KILLED) {
                return next;
            }
            rs = runtime.status(r.containerId);
        }
        if (rs != null && rs.state() == dev.wharf.spi.runtime.ContainerState.CREATED) {
            runtime.stop(rs.id(), Duration.ZERO);
            rs = runtime.status(rs.id());
        }
        if (rs != null && rs.exited()) {
            ContainerStateTerminated term = terminated(rs, c, r, st);
            r.ready = false;
            r.started = false;
            if (!rs.id().equals(r.handledExit)) {
                r.handledExit = rs.id();
                boolean killed = r.killedByProbe;
                r.killedByProbe = false;
                if (shouldRestart(policy, rs.exitCode(), killed)) {
                    Instant started = rs.startedAt();
                    Instant finished = rs.finishedAt();
                    if (started != null && finished != null
                            && Duration.between(started, finished).compareTo(config.backoffMax().multipliedBy(2)) > 0) {
                        r.crashes = 0;
                    }
                    r.crashes++;
                    r.backoffUntil = now + (r.crashes <= 1 ? 0 : backoff.delay(r.crashes - 1).toNanos());
                    r.lastTerminated = term;
                    r.finalTermination = null;
                } else {
                    r.finalTermination = term;
                }
            }
            if (r.finalTermination != null) {
                r.state = new ContainerState(null, r.finalTermination, null);
                return Long.MAX_VALUE;
            }
            if (now < r.backoffUntil) {
                Duration period = r.crashes <= 1 ? Duration.ZERO : backoff.delay(r.crashes - 1);
                r.state = ContainerRun.waiting("CrashLoopBackOff", "back-off " + human(period) + " restarting failed container="
                        + c.getName() + " pod=" + st.name + "_" + st.namespace + "(" + st.uid + ")");
                events.warning(pod, "BackOff", "Back-off restarting failed container " + c.getName() + " in pod "
                        + st.name + "_" + st.namespace + "(" + st.uid + ")");
                return r.backoffUntil;
            }
            removeQuietly(rs.id());
            r.containerId = null;
            r.restartCount++;
        } else if (rs == null && r.containerId != null) {
            r.containerId = null;
        }
        if (r.finalTermination != null) {
            r.state = new ContainerState(null, r.finalTermination, null);
            return Long.MAX_VALUE;
        }
        return create(pod, st, c, r, now);
    }

    private long create(Pod pod, PodState st, Container c, ContainerRun r, long now) {
        if (!puller.ensure(pod, c, r)) {
            return r.pullError != null ? Math.max(r.pullBackoffUntil, now + 1_000_000) : now + config.backoffBase().toNanos();
        }
        String id;
        try {
            Map<String, String> vars = env.resolve(pod, c, st.sandbox.ip(), config.internalIp());
            List<Mount> mounts = new ArrayList<>(volumes.mounts(c, st.volumes));
            Path termLog = terminationLog(st.uid, c.getName(), r.restartCount);
            Files.createDirectories(termLog.getParent());
            Files.write(termLog, new byte[0]);
            String termPath = c.getTerminationMessagePath() == null || c.getTerminationMessagePath().isEmpty()
                    ? "/dev/termination-log" : c.getTerminationMessagePath();
            mounts.add(new Mount(termLog, termPath, false));
            Path log = logPath(st.namespace, st.name, st.uid, c.getName(), r.restartCount);
            Files.createDirectories(log.getParent());
            ContainerSpec spec = ContainerSpecs.build(pod, c, r, vars, mounts, log);
            id = runtime.createContainer(st.sandbox, spec);
        } catch (ConfigException e) {
            r.state = ContainerRun.waiting("CreateContainerConfigError", e.getMessage());
            events.warning(pod, "Failed", "Error: " + e.getMessage());
            return now + config.backoffBase().toNanos();
        } catch (ContainerRuntimeException | IllegalArgumentException | java.io.IOException e) {
            r.state = ContainerRun.waiting("CreateContainerError", e.getMessage());
            events.warning(pod, "Failed", "Error: " + e.getMessage());
            return now + config.backoffBase().toNanos();
        }
        events.normal(pod, "Created", "Created container " + c.getName());
        try {
            runtime.start(id);
        } catch (ContainerRuntimeException e) {
            r.state = ContainerRun.waiting("RunContainerError", e.getMessage());
            events.warning(pod, "Failed", "Error: failed to start container \"" + c.getName() + "\": " + e.getMessage());
            r.containerId = id;
            return now + config.backoffBase().toNanos();
        }
        events.normal(pod, "Started", "Started container " + c.getName());
        r.containerId = id;
        r.handledExit = null;
        r.resetProbes();
        if (!postStart(pod, st, c, id)) {
            return now + 1_000_000;
        }
        ContainerStatus rs = runtime.find(id).orElse(null);
        if (rs != null && rs.running()) {
            r.state = running(rs.startedAt());
            return probes.check(pod, st, c, r, rs) == Probes.KILLED ? now : probes.nextDue(r);
        }
        return now + 1_000_000;
    }

    /**
     * Runs the postStart hook (exec or httpGet) right after the start; when it fails the container is killed
     * ({@code FailedPostStartHook}) and the restart policy decides what follows.
     */
    private boolean postStart(Pod pod, PodState st, Container c, String id) {
        var hook = c.getLifecycle() == null ? null : c.getLifecycle().getPostStart();
        if (hook == null || (hook.getExec() == null && hook.getHttpGet() == null && hook.getTcpSocket() == null)) {
            return true;
        }
        var action = new io.fabric8.kubernetes.api.model.ProbeBuilder().withExec(hook.getExec())
                .withHttpGet(hook.getHttpGet()).withTcpSocket(hook.getTcpSocket()).withTimeoutSeconds(30).build();
        var outcome = probes.runner().run(action, c, st.sandbox.ip(), id);
        if (outcome.success()) {
            return true;
        }
        events.warning(pod, "FailedPostStartHook", "PostStartHook failed: " + outcome.message());
        events.normal(pod, "Killing", "FailedPostStartHook");
        runtime.stop(id, Duration.ofSeconds(pod.getSpec().getTerminationGracePeriodSeconds() == null ? 30
                : pod.getSpec().getTerminationGracePeriodSeconds()));
        return false;
    }

    /** "10s", "1m20s", "5m0s": Go's duration format, as the kubelet prints back-off periods. */
    static String human(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + "s" : (s / 60) + "m" + (s % 60) + "s";
    }

    static boolean shouldRestart(String policy, Integer exitCode, boolean killedByProbe) {
        return switch (policy) {
            case "Never" -> false;
            case "OnFailure" -> killedByProbe || exitCode == null || exitCode != 0;
            default -> true;
        };
    }

    private ContainerStateTerminated terminated(ContainerStatus rs, Container c, ContainerRun r, PodState st) {
        String message = TerminationMessages.read(this, st, c, r, rs);
        return new ContainerStateTerminated(runtime.name() + "://" + rs.id(), rs.exitCode() == null ? 0 : rs.exitCode(),
                rs.finishedAt() == null ? null : StatusWriter.time(rs.finishedAt()), message.isEmpty() ? null : message,
                rs.reason().isEmpty() ? null : rs.reason(), null,
                rs.startedAt() == null ? null : StatusWriter.time(rs.startedAt()));
    }

    static ContainerState running(Instant startedAt) {
        return new ContainerState(new ContainerStateRunning(startedAt == null ? null : StatusWriter.time(startedAt)), null, null);
    }

    void removeQuietly(String containerId) {
        try {
            runtime.remove(containerId);
        } catch (ContainerRuntimeException e) {
            LOG.fine("remove " + containerId + ": " + e.getMessage());
        }
    }

    /** Removes the sandbox (and with it every container) and the pod's files. */
    void teardown(PodState st) {
        removeContainersAndSandbox(st);
        volumes.cleanup(st.uid);
    }

    private void removeContainersAndSandbox(PodState st) {
        for (ContainerRun r : st.containers.values()) {
            if (r.containerId != null) {
                removeQuietly(r.containerId);
            }
        }
        if (st.sandbox != null) {
            try {
                runtime.stopSandbox(st.sandbox.id());
                runtime.removeSandbox(st.sandbox.id());
            } catch (ContainerRuntimeException e) {
                LOG.fine("sandbox " + st.sandbox.id() + ": " + e.getMessage());
            }
        }
    }

    /** kubelet's layout: {@code logs/<ns>_<pod>_<uid>/<container>/<restart>.log}. */
    Path logPath(String namespace, String pod, String uid, String container, int restart) {
        return config.dataDir().resolve("logs").resolve(namespace + "_" + pod + "_" + uid).resolve(container)
                .resolve(restart + ".log");
    }

    Path terminationLog(String uid, String container, int restart) {
        return volumes.podDir(uid).resolve("containers").resolve(container).resolve(restart + "-termination-log");
    }

    static boolean same(Object a, Object b) {
        return Objects.equals(a, b);
    }
}
