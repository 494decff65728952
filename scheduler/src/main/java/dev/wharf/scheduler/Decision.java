package dev.wharf.scheduler;

/**
 * The outcome of scheduling one pod: the chosen node, or the {@link FitError} that explains why none fits.
 * {@code evaluatedNodes} and {@code feasibleNodes} say how much of the cluster the sample covered.
 */
public record Decision(String pod, String nodeName, long score, int evaluatedNodes, int feasibleNodes,
                       FitError error) {
    public boolean scheduled() {
        return nodeName != null;
    }

    static Decision placed(String pod, String node, long score, int evaluated, int feasible) {
        return new Decision(pod, node, score, evaluated, feasible, null);
    }

    static Decision failed(FitError error, int evaluated) {
        return new Decision(error.pod(), null, 0, evaluated, 0, error);
    }
}
