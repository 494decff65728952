package dev.wharf.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The taints this controller owns, derived from the node (upstream's TaintNodesByCondition and NoExecute
 * tainting): {@code node.kubernetes.io/not-ready} for Ready=False, {@code node.kubernetes.io/unreachable} for
 * Ready=Unknown (both NoSchedule and NoExecute), {@code node.kubernetes.io/unschedulable:NoSchedule} for a
 * cordoned node. Other taints are kept as they are.
 */
final class NodeTaints {
    static final String NOT_READY = "node.kubernetes.io/not-ready";
    static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    static final String UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
    static final String NO_SCHEDULE = "NoSchedule";
    static final String NO_EXECUTE = "NoExecute";
    private static final Set<String> OWNED = Set.of(NOT_READY, UNREACHABLE, UNSCHEDULABLE);

    private NodeTaints() {
    }

    /** The node's taints as they should be; existing ones (and their timeAdded) are reused. */
    static List<Taint> desired(Node node, Instant now) {
        List<Taint> current = current(node);
        List<Taint> out = new ArrayList<>();
        for (Taint t : current) {
            if (!OWNED.contains(t.getKey())) {
                out.add(t);
            }
        }
        NodeCondition ready = condition(node, "Ready");
        String status = ready == null ? null : ready.getStatus();
        if ("False".equals(status)) {
            add(out, current, NOT_READY, NO_SCHEDULE, now);
            add(out, current, NOT_READY, NO_EXECUTE, now);
        } else if ("Unknown".equals(status)) {
            add(out, current, UNREACHABLE, NO_SCHEDULE, now);
            add(out, current, UNREACHABLE, NO_EXECUTE, now);
        }
        if (Boolean.TRUE.equals(node.getSpec() == null ? null : node.getSpec().getUnschedulable())) {
            add(out, current, UNSCHEDULABLE, NO_SCHEDULE, now);
        }
        return out;
    }

    /** Whether the two lists hold the same taints, ignoring order. */
    static boolean same(List<Taint> a, List<Taint> b) {
        return a.size() == b.size() && a.containsAll(b) && b.containsAll(a);
    }

    static List<Taint> current(Node node) {
        return node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
    }

    static NodeCondition condition(Node node, String type) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return null;
        }
        for (NodeCondition c : node.getStatus().getConditions()) {
            if (type.equals(c.getType())) {
                return c;
            }
        }
        return null;
    }

    private static void add(List<Taint> out, List<Taint> current, String key, String effect, Instant now) {
        for (Taint t : current) {
            if (key.equals(t.getKey()) && effect.equals(t.getEffect())) {
                out.add(t);
                return;
            }
        }
        Taint t = new Taint();
        t.setKey(key);
        t.setEffect(effect);
        if (NO_EXECUTE.equals(effect)) {
            t.setTimeAdded(now.toString());
        }
        out.add(t);
    }
}
