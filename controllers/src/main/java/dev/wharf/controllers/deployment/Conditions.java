package dev.wharf.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.ArrayList;
import java.util.List;

/** Deployment conditions with upstream's rules for when lastTransitionTime moves. */
final class Conditions {
    static final String AVAILABLE = "Available";
    static final String PROGRESSING = "Progressing";
    static final String MIN_AVAILABLE = "MinimumReplicasAvailable";
    static final String MIN_UNAVAILABLE = "MinimumReplicasUnavailable";
    static final String NEW_RS_CREATED = "NewReplicaSetCreated";
    static final String FOUND_NEW_RS = "FoundNewReplicaSet";
    static final String RS_UPDATED = "ReplicaSetUpdated";
    static final String NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
    static final String TIMED_OUT = "ProgressDeadlineExceeded";
    static final String PAUSED = "DeploymentPaused";
    static final String RESUMED = "DeploymentResumed";

    private Conditions() {
    }

    static DeploymentCondition get(DeploymentStatus status, String type) {
        if (status == null || status.getConditions() == null) {
            return null;
        }
        for (DeploymentCondition c : status.getConditions()) {
            if (type.equals(c.getType())) {
                return c;
            }
        }
        return null;
    }

    static DeploymentCondition make(String type, String status, String reason, String message, String now) {
        return new DeploymentCondition(now, now, message, reason, status, type);
    }

    /** Sets the condition; no change when status and reason are the same; keeps lastTransitionTime when status is. */
    static void set(DeploymentStatus status, DeploymentCondition condition) {
        DeploymentCondition current = get(status, condition.getType());
        if (current != null && current.getStatus().equals(condition.getStatus())
                && java.util.Objects.equals(current.getReason(), condition.getReason())) {
            return;
        }
        if (current != null && current.getStatus().equals(condition.getStatus())) {
            condition.setLastTransitionTime(current.getLastTransitionTime());
        }
        remove(status, condition.getType());
        List<DeploymentCondition> list = new ArrayList<>(status.getConditions() == null ? List.of() : status.getConditions());
        list.add(condition);
        status.setConditions(list);
    }

    static void remove(DeploymentStatus status, String type) {
        if (status.getConditions() == null) {
            return;
        }
        List<DeploymentCondition> list = new ArrayList<>(status.getConditions());
        list.removeIf(c -> type.equals(c.getType()));
        status.setConditions(list);
    }
}
