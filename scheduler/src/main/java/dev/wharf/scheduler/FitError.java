package dev.wharf.scheduler;

import dev.wharf.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why a pod fits no node: the status of every node, and Kubernetes' summary message
 * {@code 0/3 nodes are available: 1 node(s) didn't match pod anti-affinity rules, 2 Insufficient memory.}
 * (reasons counted over nodes, "count reason" strings sorted as upstream's sortReasonsHistogram).
 */
public record FitError(String pod, int numAllNodes, Map<String, Status> nodeStatuses, String preFilterMessage) {
    public FitError {
        nodeStatuses = Map.copyOf(nodeStatuses);
    }

    public String message() {
        if (numAllNodes == 0) {
            return "no nodes available to schedule pods";
        }
        StringBuilder sb = new StringBuilder("0/").append(numAllNodes).append(" nodes are available:");
        if (preFilterMessage != null) {
            return sb.append(' ').append(preFilterMessage).append('.').toString();
        }
        Map<String, Integer> histogram = new TreeMap<>();
        for (Status s : nodeStatuses.values()) {
            for (String r : s.reasons()) {
                histogram.merge(r, 1, Integer::sum);
            }
        }
        List<String> parts = new ArrayList<>();
        histogram.forEach((reason, count) -> parts.add(count + " " + reason));
        parts.sort(null);
        if (!parts.isEmpty()) {
            sb.append(' ').append(String.join(", ", parts)).append('.');
        }
        return sb.toString();
    }

    /** One line per node, sorted by node name: what {@code wharf describe} shows for a pending pod. */
    public List<String> explanation() {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(nodeStatuses).forEach((node, s) ->
                lines.add(node + ": " + s.message() + (s.plugin() == null ? "" : " (" + s.plugin() + ")")));
        return lines;
    }

    @Override
    public String toString() {
        return message();
    }
}
