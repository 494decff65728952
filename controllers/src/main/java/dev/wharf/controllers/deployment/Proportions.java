package dev.wharf.controllers.deployment;

import dev.wharf.controllers.support.Meta;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream's proportional scaling: when a Deployment is scaled while several ReplicaSets are active, the change
 * (up to replicas + maxSurge in total) is shared in proportion to each ReplicaSet's size relative to the
 * max-replicas annotation it was last sized for; the rounding leftover goes to the largest.
 */
final class Proportions {
    private Proportions() {
    }

    /** New spec.replicas per ReplicaSet name, for the active (non-empty) ReplicaSets. */
    static Map<String, Integer> sizes(Strategy s, List<ReplicaSet> active, Integer lastObservedReplicas) {
        int allowed = s.replicas() > 0 ? s.replicas() + s.maxSurge() : 0;
        int toAdd = allowed - ReplicaSets.sumSpec(active);
        List<ReplicaSet> sorted = new ArrayList<>(active);
        Comparator<ReplicaSet> bySize = Comparator.comparingInt(ReplicaSets::specReplicas).reversed();
        sorted.sort(toAdd > 0 ? bySize.thenComparing(ReplicaSets.BY_CREATION.reversed())
                : bySize.thenComparing(ReplicaSets.BY_CREATION));
        Map<String, Integer> sizes = new HashMap<>();
        int added = 0;
        for (ReplicaSet rs : sorted) {
            int proportion = toAdd == 0 ? 0 : proportion(s, rs, toAdd, added, lastObservedReplicas);
            sizes.put(rs.getMetadata().getName(), ReplicaSets.specReplicas(rs) + proportion);
            added += proportion;
        }
        if (toAdd != 0 && !sorted.isEmpty()) {
            String largest = sorted.get(0).getMetadata().getName();
            sizes.put(largest, Math.max(0, sizes.get(largest) + toAdd - added));
        }
        return sizes;
    }

    private static int proportion(Strategy s, ReplicaSet rs, int toAdd, int added, Integer lastObservedReplicas) {
        int spec = ReplicaSets.specReplicas(rs);
        if (spec == 0 || toAdd == added) {
            return 0;
        }
        int fraction;
        if (s.replicas() == 0) {
            fraction = -spec;
        } else {
            String max = Meta.annotation(rs, ReplicaSets.MAX);
            int annotated = max != null ? Integer.parseInt(max) : (lastObservedReplicas == null ? 0 : lastObservedReplicas);
            fraction = annotated == 0 ? 0 : (int) Math.round((double) spec * (s.replicas() + s.maxSurge()) / annotated) - spec;
        }
        int allowed = toAdd - added;
        return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
    }
}
