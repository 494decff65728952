package dev.wharf.scheduler.model;

/**
 * A compiled topologySpreadConstraint. {@code hard} is whenUnsatisfiable=DoNotSchedule. The node policies say
 * which nodes' domains and pods count: nodeAffinityPolicy defaults to Honor, nodeTaintsPolicy to Ignore.
 */
public record SpreadConstraint(int maxSkew, String topologyKey, boolean hard, int minDomains, PodMatcher matcher,
                               boolean honorNodeAffinity, boolean honorTaints) {
}
