package dev.wharf.controllers.deployment;

import dev.wharf.common.Json;
import dev.wharf.controller.runtime.Result;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A Deployment's status and its Available / Progressing conditions, as upstream computes them (sync.go
 * calculateStatus, progress.go): pure functions of the ReplicaSets, the previous status and {@code now}.
 */
final class Progress {
    private Progress() {
    }

    static String timestamp(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Counts from the ReplicaSets; conditions carried over from {@code working}, plus Available. */
    static DeploymentStatus calculate(Deployment d, Strategy s, List<ReplicaSet> all, ReplicaSet newRS,
            DeploymentStatus working, Instant now) {
        int available = ReplicaSets.sum(all, ReplicaSets::available);
        DeploymentStatus st = new DeploymentStatus();
        st.setObservedGeneration(d.getMetadata().getGeneration());
        st.setReplicas(ReplicaSets.sum(all, ReplicaSets::replicas));
        st.setUpdatedReplicas(ReplicaSets.replicas(newRS));
        st.setReadyReplicas(ReplicaSets.sum(all, ReplicaSets::ready));
        st.setAvailableReplicas(available);
        st.setUnavailableReplicas(Math.max(0, ReplicaSets.sumSpec(all) - available));
        st.setCollisionCount(working.getCollisionCount());
        st.setConditions(working.getConditions() == null ? null
                : new ArrayList<>(working.getConditions().stream()
                        .map(c -> Json.convert(Json.tree(c), DeploymentCondition.class)).toList()));
        if (available >= s.replicas() - s.toleratedUnavailable()) {
            Conditions.set(st, Conditions.make(Conditions.AVAILABLE, "True", Conditions.MIN_AVAILABLE,
                    "Deployment has minimum availability.", timestamp(now)));
        } else {
            Conditions.set(st, Conditions.make(Conditions.AVAILABLE, "False", Conditions.MIN_UNAVAILABLE,
                    "Deployment does not have minimum availability.", timestamp(now)));
        }
        return st;
    }

    /**
     * Sets the Progressing condition of {@code st}: NewReplicaSetAvailable when complete, ReplicaSetUpdated (with
     * a fresh lastUpdateTime) on any progress since {@code original}, ProgressDeadlineExceeded once the deadline
     * passed without progress. Returns the time-out message when the rollout has just timed out, else null.
     */
    static String updateProgressing(Deployment d, Strategy s, DeploymentStatus original, DeploymentStatus st,
            ReplicaSet newRS, Instant now) {
        if (s.progressDeadlineSeconds() == null) {
            Conditions.remove(st, Conditions.PROGRESSING);
            return null;
        }
        DeploymentCondition cur = Conditions.get(st, Conditions.PROGRESSING);
        boolean alreadyComplete = st.getReplicas().equals(st.getUpdatedReplicas()) && cur != null
                && Conditions.NEW_RS_AVAILABLE.equals(cur.getReason());
        if (alreadyComplete) {
            return null;
        }
        String subject = newRS == null ? "Deployment \"" + d.getMetadata().getName() + "\""
                : "ReplicaSet \"" + newRS.getMetadata().getName() + "\"";
        if (complete(d, s, st)) {
            Conditions.set(st, Conditions.make(Conditions.PROGRESSING, "True", Conditions.NEW_RS_AVAILABLE,
                    subject + " has successfully progressed.", timestamp(now)));
        } else if (progressing(original, st)) {
            DeploymentCondition c = Conditions.make(Conditions.PROGRESSING, "True", Conditions.RS_UPDATED,
                    subject + " is progressing.", timestamp(now));
            if (cur != null && "True".equals(cur.getStatus())) {
                c.setLastTransitionTime(cur.getLastTransitionTime());
            }
            Conditions.remove(st, Conditions.PROGRESSING);
            Conditions.set(st, c);
        } else if (timedOut(s, st, now)) {
            boolean already = cur != null && Conditions.TIMED_OUT.equals(cur.getReason());
            String message = subject + " has timed out progressing.";
            Conditions.set(st, Conditions.make(Conditions.PROGRESSING, "False", Conditions.TIMED_OUT, message, timestamp(now)));
            return already ? null : message;
        }
        return null;
    }

    /** Every replica updated, present and available, and the latest spec observed. */
    static boolean complete(Deployment d, Strategy s, DeploymentStatus st) {
        return n(st.getUpdatedReplicas()) == s.replicas() && n(st.getReplicas()) == s.replicas()
                && n(st.getAvailableReplicas()) == s.replicas()
                && st.getObservedGeneration() >= d.getMetadata().getGeneration();
    }

    static boolean progressing(DeploymentStatus original, DeploymentStatus st) {
        int oldOld = n(original.getReplicas()) - n(original.getUpdatedReplicas());
        int newOld = n(st.getReplicas()) - n(st.getUpdatedReplicas());
        return n(st.getUpdatedReplicas()) > n(original.getUpdatedReplicas()) || newOld < oldOld
                || n(st.getReadyReplicas()) > n(original.getReadyReplicas())
                || n(st.getAvailableReplicas()) > n(original.getAvailableReplicas());
    }

    static boolean timedOut(Strategy s, DeploymentStatus st, Instant now) {
        DeploymentCondition cur = Conditions.get(st, Conditions.PROGRESSING);
        if (cur == null || Conditions.NEW_RS_AVAILABLE.equals(cur.getReason())) {
            return false;
        }
        if (Conditions.TIMED_OUT.equals(cur.getReason())) {
            return true;
        }
        return Instant.parse(cur.getLastUpdateTime()).plusSeconds(s.progressDeadlineSeconds()).isBefore(now);
    }

    /** When to look again so that a stuck rollout is marked as such right after its deadline. */
    static Result requeueStuck(Deployment d, Strategy s, DeploymentStatus st, Instant now) {
        DeploymentCondition cur = Conditions.get(st, Conditions.PROGRESSING);
        if (s.progressDeadlineSeconds() == null || cur == null || complete(d, s, st)
                || Conditions.TIMED_OUT.equals(cur.getReason()) || cur.getLastUpdateTime() == null) {
            return Result.DONE;
        }
        Instant at = Instant.parse(cur.getLastUpdateTime()).plusSeconds(s.progressDeadlineSeconds());
        Duration after = Duration.between(now, at);
        return after.isNegative() || after.isZero() ? Result.REQUEUE : Result.after(after.plusSeconds(1));
    }

    private static int n(Integer v) {
        return v == null ? 0 : v;
    }
}
