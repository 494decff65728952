package dev.wharf.controllers.scheduling;

import dev.wharf.api.ApiException;
import dev.wharf.common.Clock;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controllers.support.Meta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The pod's {@code PodScheduled} condition, written through the status subresource only when it changes. */
final class PodConditions {
    static final String POD_SCHEDULED = "PodScheduled";
    static final String UNSCHEDULABLE = "Unschedulable";
    private static final Logger LOG = Logger.getLogger(PodConditions.class.getName());

    private final ApiClient api;
    private final Clock clock;

    PodConditions(ApiClient api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    /** PodScheduled=False, reason Unschedulable, with the scheduler's message. */
    void unschedulable(Pod pod, String message) {
        set(pod, "False", UNSCHEDULABLE, message);
    }

    /** After a successful binding: PodScheduled=True, if the pod had carried the condition (else the node agent sets it). */
    void scheduled(Pod pod) {
        PodCondition c = find(pod);
        if (c != null && !"True".equals(c.getStatus())) {
            Pod fresh = api.get(Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName());
            if (fresh != null && Objects.equals(fresh.getMetadata().getUid(), pod.getMetadata().getUid())) {
                set(fresh, "True", null, null);
            }
        }
    }

    static PodCondition find(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return null;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if (POD_SCHEDULED.equals(c.getType())) {
                return c;
            }
        }
        return null;
    }

    private void set(Pod pod, String status, String reason, String message) {
        PodCondition old = find(pod);
        if (old != null && status.equals(old.getStatus()) && Objects.equals(reason, old.getReason())
                && Objects.equals(message, old.getMessage())) {
            return;
        }
        Pod copy = Meta.copy(pod);
        if (copy.getStatus() == null) {
            copy.setStatus(new PodStatus());
        }
        List<PodCondition> conditions = new ArrayList<>();
        if (copy.getStatus().getConditions() != null) {
            for (PodCondition c : copy.getStatus().getConditions()) {
                if (!POD_SCHEDULED.equals(c.getType())) {
                    conditions.add(c);
                }
            }
        }
        String now = clock.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String transition = old != null && status.equals(old.getStatus()) ? old.getLastTransitionTime() : now;
        PodCondition c = new PodCondition();
        c.setType(POD_SCHEDULED);
        c.setStatus(status);
        c.setReason(reason);
        c.setMessage(message);
        c.setLastTransitionTime(transition);
        conditions.add(c);
        copy.getStatus().setConditions(conditions);
        try {
            api.updateStatus(copy);
        } catch (ApiException e) {
            // A newer version of the pod is on its way to the informer: the next attempt writes the condition.
            LOG.log(Level.FINE, "PodScheduled of " + pod.getMetadata().getName() + " not written: " + e.getMessage());
        }
    }
}
