package dev.wharf.scheduler;

import dev.wharf.scheduler.framework.Status;
import java.util.Map;

/**
 * One node in an explanation: its filter status and, when it fits, each scorer's weighted score and the total.
 */
public record NodeVerdict(String node, Status status, Map<String, Long> scores, long total) {
    public NodeVerdict {
        scores = Map.copyOf(scores);
    }

    public boolean fits() {
        return status.isSuccess();
    }

    /** A line as {@code wharf describe} prints it. */
    public String line() {
        if (!fits()) {
            return node + ": " + status.message() + " (" + status.plugin() + ")";
        }
        return node + ": fits, score " + total + " " + new java.util.TreeMap<>(scores);
    }
}
