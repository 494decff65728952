package dev.wharf.agent.node;

import io.fabric8.kubernetes.api.model.NodeCondition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The four conditions a healthy agent reports, with kubelet's reasons and messages. */
public final class NodeConditions {
    private NodeConditions() {
    }

    /**
     * @param previous the node's current conditions (transition times are kept when a status does not change)
     */
    public static List<NodeCondition> healthy(List<NodeCondition> previous, Instant now) {
        String t = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        List<NodeCondition> out = new ArrayList<>();
        out.add(condition(previous, "MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", t));
        out.add(condition(previous, "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", t));
        out.add(condition(previous, "PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", t));
        out.add(condition(previous, "Ready", "True", "KubeletReady", "kubelet is posting ready status", t));
        return out;
    }

    private static NodeCondition condition(List<NodeCondition> previous, String type, String status, String reason,
                                           String message, String now) {
        String transition = now;
        if (previous != null) {
            for (NodeCondition p : previous) {
                if (type.equals(p.getType()) && status.equals(p.getStatus()) && p.getLastTransitionTime() != null) {
                    transition = p.getLastTransitionTime();
                }
            }
        }
        return new NodeCondition(now, transition, message, reason, status, type);
    }
}
