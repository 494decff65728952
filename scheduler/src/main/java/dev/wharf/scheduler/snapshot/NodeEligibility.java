package dev.wharf.scheduler.snapshot;

import dev.wharf.scheduler.model.NodeConstraint;
import dev.wharf.scheduler.model.Taint;
import dev.wharf.scheduler.model.Toleration;
import java.util.List;
import java.util.Set;

/**
 * Which nodes a topology spread constraint counts: nodes carrying all the pod's spread keys, matching its node
 * affinity when nodeAffinityPolicy is Honor ({@code constraint} non-null) and whose NoSchedule/NoExecute taints
 * it tolerates when nodeTaintsPolicy is Honor ({@code tolerations} non-null). A value: equal ones share caches.
 */
public record NodeEligibility(Set<String> requiredKeys, NodeConstraint constraint, List<Toleration> tolerations) {
    public static final NodeEligibility ALL = new NodeEligibility(Set.of(), null, null);

    public NodeEligibility {
        requiredKeys = Set.copyOf(requiredKeys);
        tolerations = tolerations == null ? null : List.copyOf(tolerations);
    }

    public boolean accepts(NodeInfo node) {
        for (String key : requiredKeys) {
            if (!node.labels().containsKey(key)) {
                return false;
            }
        }
        if (constraint != null && !constraint.matches(node.labels(), node.name())) {
            return false;
        }
        if (tolerations != null) {
            for (Taint t : node.taints()) {
                if (!t.effect().equals(Taint.PREFER_NO_SCHEDULE) && !Toleration.anyTolerates(tolerations, t)) {
                    return false;
                }
            }
        }
        return true;
    }
}
