package dev.wharf.controllers.support;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;

/** Pod states as workload controllers count them. */
public final class Pods {
    private Pods() {
    }

    /** Not terminating and not finished: counts towards replicas. */
    public static boolean isActive(Pod p) {
        String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
        return !Meta.isDeleting(p) && !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    public static boolean isScheduled(Pod p) {
        return p.getSpec() != null && p.getSpec().getNodeName() != null && !p.getSpec().getNodeName().isEmpty();
    }

    public static boolean isReady(Pod p) {
        PodCondition c = readyCondition(p);
        return c != null && "True".equals(c.getStatus());
    }

    /** Ready for at least minReadySeconds (by the Ready condition's lastTransitionTime). */
    public static boolean isAvailable(Pod p, int minReadySeconds, Instant now) {
        if (!isReady(p)) {
            return false;
        }
        if (minReadySeconds <= 0) {
            return true;
        }
        return !readySince(p).plusSeconds(minReadySeconds).isAfter(now);
    }

    public static Instant readySince(Pod p) {
        PodCondition c = readyCondition(p);
        return c == null || c.getLastTransitionTime() == null ? Instant.EPOCH : Instant.parse(c.getLastTransitionTime());
    }

    public static String phase(Pod p) {
        return p.getStatus() == null || p.getStatus().getPhase() == null ? "Pending" : p.getStatus().getPhase();
    }

    private static PodCondition readyCondition(Pod p) {
        if (p.getStatus() == null || p.getStatus().getConditions() == null) {
            return null;
        }
        for (PodCondition c : p.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return c;
            }
        }
        return null;
    }
}
