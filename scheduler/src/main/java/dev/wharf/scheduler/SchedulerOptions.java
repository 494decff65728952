package dev.wharf.scheduler;

/**
 * Tuning of the algorithm. {@code percentageOfNodesToScore} 0 means adaptive as kube-scheduler:
 * 50% - nodes/125, at least 5%, at least 100 nodes; 100 evaluates every node.
 */
public record SchedulerOptions(int percentageOfNodesToScore) {
    public static final SchedulerOptions DEFAULTS = new SchedulerOptions(0);
    static final int MIN_FEASIBLE_NODES = 100;
    static final int MIN_PERCENTAGE = 5;

    public SchedulerOptions {
        if (percentageOfNodesToScore < 0 || percentageOfNodesToScore > 100) {
            throw new IllegalArgumentException("percentageOfNodesToScore must be in 0..100");
        }
    }

    /** How many feasible nodes to find before scoring, for a cluster of {@code nodes} nodes. */
    public int feasibleNodesToFind(int nodes) {
        if (nodes < MIN_FEASIBLE_NODES || percentageOfNodesToScore == 100) {
            return nodes;
        }
        int percentage = percentageOfNodesToScore;
        if (percentage == 0) {
            percentage = Math.max(MIN_PERCENTAGE, 50 - nodes / 125);
        }
        return Math.max(MIN_FEASIBLE_NODES, nodes * percentage / 100);
    }
}
