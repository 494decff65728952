package dev.wharf.controllers.replicaset;

import dev.wharf.controllers.support.Meta;
import dev.wharf.controllers.support.Pods;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which pods a shrinking ReplicaSet deletes. Like upstream, the cheapest first: unscheduled, then pending, then
 * not ready. Unlike upstream (kubernetes/kubernetes#115911), among the rest it takes one victim at a time from
 * the zone that currently has the most pods, then from the node that has the most, so the spread across
 * zones and nodes stays as balanced as it was; newest pods go first among equals. During a rollout the pods of
 * the Deployment's other ReplicaSets count too.
 */
public final class Victims {
    public static final String ZONE_LABEL = dev.wharf.api.resource.WellKnownLabels.ZONE;

    private Victims() {
    }

    /** {@code count} pods of {@code pods} to delete, in deletion order. {@code zoneOf} maps a node name to its zone. */
    public static List<Pod> choose(List<Pod> pods, int count, Function<String, String> zoneOf) {
        return choose(pods, count, zoneOf, List.of());
    }

    /**
     * As {@link #choose(List, int, Function)}, counting {@code related} pods too (the pods of sibling ReplicaSets
     * of the same Deployment): during a rollout the old ReplicaSet gives up pods where the new one is crowded.
     */
    public static List<Pod> choose(List<Pod> pods, int count, Function<String, String> zoneOf, List<Pod> related) {
        List<Pod> remaining = new ArrayList<>(pods);
        List<Pod> victims = new ArrayList<>();
        while (victims.size() < count && !remaining.isEmpty()) {
            Map<String, Integer> perZone = new HashMap<>();
            Map<String, Integer> perNode = new HashMap<>();
            List<Pod> counted = new ArrayList<>(remaining);
            counted.addAll(related);
            for (Pod p : counted) {
                if (Pods.isScheduled(p)) {
                    perZone.merge(zone(p, zoneOf), 1, Integer::sum);
                    perNode.merge(p.getSpec().getNodeName(), 1, Integer::sum);
                }
            }
            Comparator<Pod> order = Comparator
                    .comparing((Pod p) -> Pods.isScheduled(p))
                    .thenComparing(p -> phaseRank(Pods.phase(p)))
                    .thenComparing(Pods::isReady)
                    .thenComparing(p -> -perZone.getOrDefault(zone(p, zoneOf), 0))
                    .thenComparing(p -> Pods.isScheduled(p) ? -perNode.getOrDefault(p.getSpec().getNodeName(), 0) : 0)
                    .thenComparing(Pods::readySince, Comparator.reverseOrder())
                    .thenComparing(Meta::created, Comparator.reverseOrder())
                    .thenComparing(p -> p.getMetadata().getName(), Comparator.reverseOrder());
            Pod victim = remaining.stream().min(order).orElseThrow();
            remaining.remove(victim);
            victims.add(victim);
        }
        return victims;
    }

    private static String zone(Pod p, Function<String, String> zoneOf) {
        if (!Pods.isScheduled(p)) {
            return "";
        }
        String z = zoneOf.apply(p.getSpec().getNodeName());
        return z == null ? "" : z;
    }

    private static int phaseRank(String phase) {
        return switch (phase) {
            case "Pending" -> 0;
            case "Unknown" -> 1;
            default -> 2;
        };
    }
}
