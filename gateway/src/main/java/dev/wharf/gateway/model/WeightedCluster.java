package dev.wharf.gateway.model;

/** One side of a weighted split (canaries): {@code weight} out of the sum of weights of the route's backends. */
public record WeightedCluster(String clusterId, int weight) {
}
