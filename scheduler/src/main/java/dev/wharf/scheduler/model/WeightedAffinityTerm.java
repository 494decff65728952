package dev.wharf.scheduler.model;

/** A preferred pod (anti-)affinity term with its weight (1..100). */
public record WeightedAffinityTerm(int weight, AffinityTerm term) {
}
