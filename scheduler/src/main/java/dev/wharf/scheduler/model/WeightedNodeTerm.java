package dev.wharf.scheduler.model;

/** A preferred node affinity term with its weight (1..100). */
public record WeightedNodeTerm(int weight, NodeSelectorTerm term) {
}
