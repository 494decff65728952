package dev.wharf.scheduler.model;

/** A pod (anti-)affinity term: pods matching {@code matcher} in the same {@code topologyKey} domain. */
public record AffinityTerm(PodMatcher matcher, String topologyKey) {
    public boolean matches(PodInfo pod) {
        return matcher.matches(pod);
    }
}
