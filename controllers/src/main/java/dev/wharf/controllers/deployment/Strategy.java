package dev.wharf.controllers.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;

/**
 * A Deployment's numbers with Kubernetes' defaults applied (the apiserver defaults them too; this keeps the
 * controller right on objects that skipped defaulting): replicas 1, RollingUpdate 25%/25%, progress deadline
 * 600 s, history limit 10. Surge rounds up and unavailable rounds down; both zero means unavailable 1.
 */
public record Strategy(int replicas, boolean recreate, int maxSurge, int maxUnavailable, int minReadySeconds,
        Integer progressDeadlineSeconds, int revisionHistoryLimit, boolean paused) {

    public static Strategy of(Deployment d) {
        DeploymentSpec spec = d.getSpec();
        int replicas = spec.getReplicas() == null ? 1 : spec.getReplicas();
        boolean recreate = spec.getStrategy() != null && "Recreate".equals(spec.getStrategy().getType());
        RollingUpdateDeployment ru = spec.getStrategy() == null ? null : spec.getStrategy().getRollingUpdate();
        int surge = 0;
        int unavailable = 0;
        if (!recreate) {
            surge = resolve(ru == null ? null : ru.getMaxSurge(), replicas, true);
            unavailable = resolve(ru == null ? null : ru.getMaxUnavailable(), replicas, false);
            if (surge == 0 && unavailable == 0) {
                unavailable = 1;
            }
        }
        Integer deadline = spec.getProgressDeadlineSeconds() == null ? Integer.valueOf(600) : spec.getProgressDeadlineSeconds();
        if (deadline == Integer.MAX_VALUE) {
            deadline = null;
        }
        return new Strategy(replicas, recreate, surge, unavailable,
                spec.getMinReadySeconds() == null ? 0 : spec.getMinReadySeconds(), deadline,
                spec.getRevisionHistoryLimit() == null ? 10 : spec.getRevisionHistoryLimit(),
                Boolean.TRUE.equals(spec.getPaused()));
    }

    /** The unavailability the Available condition tolerates (0 for Recreate), capped at replicas. */
    public int toleratedUnavailable() {
        return recreate || replicas == 0 ? 0 : Math.min(maxUnavailable, replicas);
    }

    static int resolve(IntOrString value, int total, boolean roundUp) {
        if (value == null) {
            value = new IntOrString("25%");
        }
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String s = value.getStrVal();
        if (s == null || !s.endsWith("%")) {
            throw new IllegalArgumentException("invalid value for IntOrString: " + s);
        }
        int percent = Integer.parseInt(s.substring(0, s.length() - 1));
        long scaled = (long) percent * total;
        return (int) (roundUp ? (scaled + 99) / 100 : scaled / 100);
    }
}
