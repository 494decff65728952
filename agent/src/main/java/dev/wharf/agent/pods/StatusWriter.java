package dev.wharf.agent.pods;

import dev.wharf.common.Json;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes the pod's status from the agent's state (kubelet's generateAPIPodStatus and getPhase) and writes it
 * through the status subresource only when it changed; condition transition times are kept while a condition's
 * status stays the same.
 */
final class StatusWriter {
    private final PodSyncer syncer;

    StatusWriter(PodSyncer syncer) {
        this.syncer = syncer;
    }

    static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    void write(Pod pod, PodState st, boolean initDone) {
        PodStatus old = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        PodStatus s = build(pod, st, initDone, old);
        if (Json.tree(s).equals(Json.tree(old))) {
            return;
        }
        Pod copy = Json.convert(Json.tree(pod), Pod.class);
        copy.setStatus(s);
        copy.getMetadata().setResourceVersion(null);
        syncer.api.updateStatus(copy);
    }

    PodStatus build(Pod pod, PodState st, boolean initDone, PodStatus old) {
        String now = time(syncer.config.clock().now());
        PodStatus s = new PodStatus();
        s.setHostIP(syncer.config.internalIp());
        s.setHostIPs(List.of(new HostIP(syncer.config.internalIp())));
        if (st.sandbox != null && st.sandbox.ip() != null && !st.sandbox.ip().isEmpty()) {
            s.setPodIP(st.sandbox.ip());
            s.setPodIPs(List.of(new PodIP(st.sandbox.ip())));
        }
        s.setStartTime(st.startTime);
        s.setQosClass(old.getQosClass() != null ? old.getQosClass() : qos(pod));
        List<ContainerStatus> init = new ArrayList<>();
        if (pod.getSpec().getInitContainers() != null) {
            for (Container c : pod.getSpec().getInitContainers()) {
                init.add(status(c, st.containers.get(c.getName()), initDone));
            }
            s.setInitContainerStatuses(init);
        }
        List<ContainerStatus> app = new ArrayList<>();
        for (Container c : pod.getSpec().getContainers()) {
            app.add(status(c, st.containers.get(c.getName()), false));
        }
        s.setContainerStatuses(app);
        String phase = phase(pod, st, initDone);
        s.setPhase(phase);
        List<String> unready = new ArrayList<>();
        for (ContainerStatus cs : app) {
            if (!Boolean.TRUE.equals(cs.getReady())) {
                unready.add(cs.getName());
            }
        }
        List<String> uninit = new ArrayList<>();
        for (ContainerStatus cs : init) {
            if (cs.getState() == null || cs.getState().getTerminated() == null || cs.getState().getTerminated().getExitCode() != 0) {
                uninit.add(cs.getName());
            }
        }
        List<PodCondition> conds = new ArrayList<>();
        PodCondition scheduled = find(old, "PodScheduled");
        conds.add(scheduled != null ? scheduled : cond(old, "PodScheduled", "True", null, null, now));
        boolean completed = "Succeeded".equals(phase) || "Failed".equals(phase);
        conds.add(uninit.isEmpty() && initDone
                ? cond(old, "Initialized", "True", null, null, now)
                : cond(old, "Initialized", "False", "ContainersNotInitialized", "containers with incomplete status: " + uninit, now));
        if (completed) {
            conds.add(cond(old, "ContainersReady", "False", "PodCompleted", null, now));
            conds.add(cond(old, "Ready", "False", "PodCompleted", null, now));
        } else if (unready.isEmpty()) {
            conds.add(cond(old, "ContainersReady", "True", null, null, now));
            conds.add(cond(old, "Ready", "True", null, null, now));
        } else {
            String msg = "containers with unready status: " + unready;
            conds.add(cond(old, "ContainersReady", "False", "ContainersNotReady", msg, now));
            conds.add(cond(old, "Ready", "False", "ContainersNotReady", msg, now));
        }
        s.setConditions(conds);
        return s;
    }

    private ContainerStatus status(Container c, ContainerRun r, boolean initDone) {
        ContainerStatusBuilder b = new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage());
        if (r == null) {
            return b.withImageID("").withReady(false).withStarted(false).withRestartCount(0)
                    .withState(ContainerRun.waiting(initDone ? "ContainerCreating" : "PodInitializing", null))
                    .withLastState(new ContainerState()).build();
        }
        String id = r.containerId != null ? syncer.runtime.name() + "://" + r.containerId
                : r.finalTermination != null ? r.finalTermination.getContainerID() : null;
        boolean running = r.state != null && r.state.getRunning() != null;
        return b.withImageID(r.imageId == null ? "" : r.imageId).withContainerID(id)
                .withReady(running && r.ready && !r.init).withStarted(running && r.started)
                .withRestartCount(r.restartCount).withState(r.state)
                .withLastState(r.lastTerminated == null ? new ContainerState() : new ContainerState(null, r.lastTerminated, null))
                .build();
    }

    /** kubelet's getPhase, reduced. */
    static String phase(Pod pod, PodState st, boolean initDone) {
        if (!initDone) {
            for (ContainerRun r : st.containers.values()) {
                if (r.init && r.finalTermination != null && r.finalTermination.getExitCode() != 0) {
                    return "Failed";
                }
            }
            return "Pending";
        }
        int running = 0;
        int waitingFirst = 0;
        int restarting = 0;
        int succeeded = 0;
        int failed = 0;
        for (Container c : pod.getSpec().getContainers()) {
            ContainerRun r = st.containers.get(c.getName());
            if (r == null) {
                waitingFirst++;
            } else if (r.finalTermination != null) {
                if (r.finalTermination.getExitCode() == 0) {
                    succeeded++;
                } else {
                    failed++;
                }
            } else if (r.state != null && r.state.getRunning() != null) {
                running++;
            } else if (r.lastTerminated != null) {
                restarting++;
            } else {
                waitingFirst++;
            }
        }
        if (waitingFirst > 0) {
            return "Pending";
        }
        if (running > 0 || restarting > 0) {
            return "Running";
        }
        return failed > 0 ? "Failed" : "Succeeded";
    }

    private static PodCondition find(PodStatus old, String type) {
        if (old.getConditions() != null) {
            for (PodCondition c : old.getConditions()) {
                if (type.equals(c.getType())) {
                    return c;
                }
            }
        }
        return null;
    }

    private static PodCondition cond(PodStatus old, String type, String status, String reason, String message, String now) {
        PodCondition prev = find(old, type);
        String transition = prev != null && status.equals(prev.getStatus()) && prev.getLastTransitionTime() != null
                ? prev.getLastTransitionTime() : now;
        PodCondition c = new PodCondition();
        c.setType(type);
        c.setStatus(status);
        c.setReason(reason);
        c.setMessage(message);
        c.setLastTransitionTime(transition);
        c.setLastProbeTime(prev != null ? prev.getLastProbeTime() : null);
        return c;
    }

    static String qos(Pod pod) {
        boolean any = false;
        boolean guaranteed = true;
        for (Container c : pod.getSpec().getContainers()) {
            var res = c.getResources();
            var limits = res == null || res.getLimits() == null ? java.util.Map.<String, io.fabric8.kubernetes.api.model.Quantity>of() : res.getLimits();
            var requests = res == null || res.getRequests() == null ? java.util.Map.<String, io.fabric8.kubernetes.api.model.Quantity>of() : res.getRequests();
            if (!limits.isEmpty() || !requests.isEmpty()) {
                any = true;
            }
            for (String r : List.of("cpu", "memory")) {
                if (!limits.containsKey(r) || (requests.containsKey(r) && !requests.get(r).equals(limits.get(r)))) {
                    guaranteed = false;
                }
            }
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }
}
