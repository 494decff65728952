package dev.wharf.agent.pods;

import dev.wharf.spi.runtime.ContainerStatus;
import dev.wharf.spi.runtime.Sandbox;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Re-adoption after an agent restart: the runtime's sandboxes and containers are matched to the pods bound to
 * this node by pod uid; running containers are kept as they are (no restart), the newest instance of each
 * container is the current one, restart counts come from the runtime, lastState and readiness from the pod's
 * status. Sandboxes and containers of pods that no longer exist are stopped and removed.
 */
final class Adopter {
    private static final Logger LOG = Logger.getLogger(Adopter.class.getName());

    private Adopter() {
    }

    /** @return how many containers were adopted */
    static int adopt(PodSyncer syncer, List<Pod> pods) {
        Map<String, Pod> byUid = new HashMap<>();
        pods.forEach(p -> byUid.put(p.getMetadata().getUid(), p));
        var runtime = syncer.runtime;
        for (Sandbox sb : runtime.listSandboxes()) {
            Pod pod = byUid.get(sb.spec().podUid());
            if (pod == null) {
                LOG.info("removing orphaned sandbox " + sb.id() + " of pod " + sb.spec().namespace() + "/" + sb.spec().podName());
                for (ContainerStatus c : runtime.list()) {
                    if (c.sandboxId().equals(sb.id()) && c.running()) {
                        runtime.stop(c.id(), Duration.ofSeconds(2));
                    }
                }
                runtime.stopSandbox(sb.id());
                runtime.removeSandbox(sb.id());
                continue;
            }
            state(syncer, pod).sandbox = sb;
        }
        int adopted = 0;
        List<ContainerStatus> all = new ArrayList<>(runtime.list());
        all.sort(Comparator.comparingInt(ContainerStatus::restartCount).reversed()
                .thenComparing(ContainerStatus::createdAt, Comparator.nullsLast(Comparator.reverseOrder())));
        for (ContainerStatus c : all) {
            Pod pod = byUid.get(c.podUid());
            if (pod == null) {
                runtime.stop(c.id(), Duration.ofSeconds(2));
                syncer.removeQuietly(c.id());
                continue;
            }
            PodState st = state(syncer, pod);
            boolean init = isInit(pod, c.name());
            ContainerRun r = st.container(c.name(), init);
            if (r.containerId != null) {
                syncer.removeQuietly(c.id());
                continue;
            }
            r.containerId = c.id();
            r.restartCount = c.restartCount();
            fromStatus(pod, r, init);
            if (c.running()) {
                r.state = PodSyncer.running(c.startedAt());
            }
            adopted++;
        }
        return adopted;
    }

    private static PodState state(PodSyncer syncer, Pod pod) {
        var key = dev.wharf.controller.runtime.Key.of(pod);
        return syncer.states.computeIfAbsent(key, k -> {
            PodState st = new PodState(pod.getMetadata().getUid(), k.namespace(), k.name());
            st.startTime = pod.getStatus() == null ? null : pod.getStatus().getStartTime();
            return st;
        });
    }

    private static boolean isInit(Pod pod, String name) {
        if (pod.getSpec().getInitContainers() == null) {
            return false;
        }
        for (Container c : pod.getSpec().getInitContainers()) {
            if (c.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static void fromStatus(Pod pod, ContainerRun r, boolean init) {
        if (pod.getStatus() == null) {
            return;
        }
        var list = init ? pod.getStatus().getInitContainerStatuses() : pod.getStatus().getContainerStatuses();
        if (list == null) {
            return;
        }
        for (var cs : list) {
            if (!cs.getName().equals(r.name)) {
                continue;
            }
            r.imageId = cs.getImageID() == null ? "" : cs.getImageID();
            r.adoptedReady = Boolean.TRUE.equals(cs.getReady());
            r.ready = r.adoptedReady;
            r.started = Boolean.TRUE.equals(cs.getStarted());
            if (cs.getLastState() != null && cs.getLastState().getTerminated() != null) {
                r.lastTerminated = cs.getLastState().getTerminated();
                r.crashes = 1;
            }
            if (cs.getState() != null && cs.getState().getTerminated() != null
                    && cs.getState().getTerminated().getContainerID() != null
                    && cs.getState().getTerminated().getContainerID().endsWith("://" + r.containerId)) {
                r.handledExit = r.containerId;
                if (init ? cs.getState().getTerminated().getExitCode() == 0 : true) {
                    r.finalTermination = cs.getState().getTerminated();
                    r.state = cs.getState();
                }
            }
        }
    }
}
