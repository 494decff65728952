package dev.wharf.controllers.nodelifecycle;

import java.time.Duration;

/**
 * @param gracePeriod   how long a node may go without a heartbeat (Lease renewal or Ready condition heartbeat)
 *                      before it is marked {@code Ready=Unknown} and tainted unreachable (kube-controller-manager's
 *                      node-monitor-grace-period)
 * @param evictionDelay how long pods that do not tolerate the not-ready/unreachable NoExecute taints stay on such a
 *                      node before they are deleted (upstream's DefaultTolerationSeconds admission gives every pod
 *                      300 s); a pod's own toleration with tolerationSeconds wins
 */
public record NodeLifecycleOptions(Duration gracePeriod, Duration evictionDelay) {
    /** As kube-controller-manager: 40 s grace, pods evicted 300 s after the taint. */
    public static final NodeLifecycleOptions DEFAULTS = new NodeLifecycleOptions(Duration.ofSeconds(40), Duration.ofSeconds(300));
    /** {@code wharf dev}: a lost node is noticed after 5 s and its pods are replaced at once. */
    public static final NodeLifecycleOptions DEV = new NodeLifecycleOptions(Duration.ofSeconds(5), Duration.ZERO);

    public NodeLifecycleOptions {
        if (gracePeriod.isNegative() || gracePeriod.isZero()) {
            throw new IllegalArgumentException("gracePeriod must be positive");
        }
        if (evictionDelay.isNegative()) {
            throw new IllegalArgumentException("evictionDelay must not be negative");
        }
    }
}
