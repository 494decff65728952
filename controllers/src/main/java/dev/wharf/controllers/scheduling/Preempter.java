package dev.wharf.controllers.scheduling;

import dev.wharf.api.ApiException;
import dev.wharf.common.Json;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controller.runtime.ApiClient.DeleteOptions;
import dev.wharf.controller.runtime.ApiClient.PatchType;
import dev.wharf.controller.runtime.informer.Cache;
import dev.wharf.scheduler.Decision;
import dev.wharf.scheduler.Preemption;
import dev.wharf.scheduler.Scheduler;
import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.snapshot.NodeInfo;
import dev.wharf.scheduler.snapshot.Snapshot;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * kube-scheduler's PostFilter for a pod that fits nowhere: when {@link Scheduler#preempt} finds lower-priority
 * victims whose removal lets it fit, they are deleted (Event {@code Preempted} on each) and the node is nominated
 * in the pod's {@code status.nominatedNodeName}; the pod is retried when the victims are gone. A pod with
 * preemptionPolicy Never does not preempt, nor does one whose nominated node still has lower-priority pods
 * terminating (upstream's PodEligibleToPreemptOthers). Simplification: nominated pods do not reserve their
 * node against other pending pods.
 */
final class Preempter {
    private static final Logger LOG = Logger.getLogger(Preempter.class.getName());
    private final ApiClient api;
    private final Scheduler scheduler;
    private final Cache<Pod> pods;
    private final StripedRecorder events;

    Preempter(ApiClient api, Scheduler scheduler, Cache<Pod> pods, StripedRecorder events) {
        this.api = api;
        this.scheduler = scheduler;
        this.pods = pods;
        this.events = events;
    }

    /** Returns the nominated node, or empty when preemption does not help. */
    Optional<String> preempt(Pod pod, PodInfo info, Snapshot snapshot, Decision decision) {
        if ("Never".equals(pod.getSpec().getPreemptionPolicy())) {
            return Optional.empty();
        }
        String nominated = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
        if (nominated != null && terminatingVictims(snapshot.node(nominated), info.priority())) {
            return Optional.of(nominated);
        }
        Optional<Preemption> plan = scheduler.preempt(info, snapshot, decision);
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        String node = plan.get().nodeName();
        for (String victimKey : plan.get().victims()) {
            Pod victim = pods.getByKey(victimKey);
            if (victim == null) {
                continue;
            }
            events.normal(victim, "Preempted", "Preempted by pod " + pod.getMetadata().getUid() + " on node " + node);
            try {
                api.delete(Pod.class, victim.getMetadata().getNamespace(), victim.getMetadata().getName(),
                        new DeleteOptions(null, null, victim.getMetadata().getUid(), null));
            } catch (ApiException e) {
                LOG.log(Level.FINE, "preemption victim " + victimKey + " not deleted: " + e.getMessage());
            }
        }
        if (!node.equals(nominated)) {
            ObjectNode patch = Json.object();
            patch.putObject("status").put("nominatedNodeName", node);
            try {
                api.patch(Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName(), PatchType.MERGE,
                        patch.toString(), "status");
            } catch (ApiException e) {
                LOG.log(Level.FINE, "nominatedNodeName of " + info.key() + " not written: " + e.getMessage());
            }
        }
        return Optional.of(node);
    }

    private boolean terminatingVictims(NodeInfo node, int priority) {
        if (node == null) {
            return false;
        }
        for (PodInfo p : node.pods()) {
            Pod cached = pods.getByKey(p.key());
            if (p.priority() < priority && cached != null && cached.getMetadata().getDeletionTimestamp() != null) {
                return true;
            }
        }
        return false;
    }
}
