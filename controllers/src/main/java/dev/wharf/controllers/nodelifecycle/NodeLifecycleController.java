package dev.wharf.controllers.nodelifecycle;

import dev.wharf.api.ApiException;
import dev.wharf.common.Clock;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controller.runtime.ApiClient.DeleteOptions;
import dev.wharf.controller.runtime.Controller;
import dev.wharf.controller.runtime.ControllerManager;
import dev.wharf.controller.runtime.Key;
import dev.wharf.controller.runtime.Reconciler;
import dev.wharf.controller.runtime.Result;
import dev.wharf.controller.runtime.events.EventRecorder;
import dev.wharf.controller.runtime.informer.EventHandler;
import dev.wharf.controller.runtime.informer.Informer;
import dev.wharf.controllers.support.Meta;
import dev.wharf.controllers.support.Pods;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * kube-controller-manager's node lifecycle controller with its taint manager. A node whose heartbeat (its Lease
 * {@code kube-node-lease/<node>} renewTime, or its Ready condition's lastHeartbeatTime) has not moved for the grace
 * period gets Ready=Unknown ("Kubelet stopped posting node status."), the unreachable NoSchedule and NoExecute
 * taints, Event {@code NodeNotReady}, and its pods Ready=False. Pods that do not tolerate a NoExecute taint are
 * deleted (gracePeriodSeconds 0: the node is gone) once their toleration runs out (Event {@code
 * TaintManagerEviction}), so that their ReplicaSets replace them elsewhere. When the heartbeat resumes, Ready comes
 * back and the taints go (only once the heartbeat has moved since this controller started: a restarted controller
 * does not revive a dead node). Pods bound to a node that is missing for the grace period are deleted too
 * (upstream's PodGC). A cordoned node ({@code spec.unschedulable}) gets the unschedulable:NoSchedule taint.
 */
public final class NodeLifecycleController implements Reconciler {
    public static final String NAME = "node-controller";
    static final String LEASE_NAMESPACE = "kube-node-lease";
    static final String UNKNOWN_REASON = "NodeStatusUnknown";
    static final String NEVER_REASON = "NodeStatusNeverUpdated";

    private final ApiClient api;
    private final Clock clock;
    private final NodeLifecycleOptions options;
    private final Informer<Node> nodes;
    private final Informer<Lease> leases;
    private final Informer<Pod> pods;
    private final PodsByNode podsByNode;
    private final Heartbeats heartbeats = new Heartbeats();
    private final Map<String, Instant> taintsFirstSeen = new ConcurrentHashMap<>();
    private final Map<String, Instant> missingSince = new ConcurrentHashMap<>();
    private final EventRecorder events;
    private final Controller controller;

    public NodeLifecycleController(ControllerManager manager, NodeLifecycleOptions options, int workers) {
        this.api = manager.api();
        this.clock = manager.clock();
        this.options = options;
        this.nodes = manager.informer(Node.class);
        this.leases = manager.informer(Lease.class);
        this.pods = manager.informer(Pod.class);
        this.events = new EventRecorder(api, clock, NAME);
        this.controller = manager.add(new Controller(NAME, this, clock, workers));
        this.podsByNode = new PodsByNode(this::podArrived);
        nodes.addHandler(EventHandler.any(n -> controller.enqueue(Key.of(null, n.getMetadata().getName()))));
        leases.addHandler(EventHandler.any(l -> {
            if (LEASE_NAMESPACE.equals(l.getMetadata().getNamespace())) {
                controller.enqueue(Key.of(null, l.getMetadata().getName()));
            }
        }));
        pods.addHandler(podsByNode);
    }

    public Controller controller() {
        return controller;
    }

    @Override
    public Result reconcile(Key key) {
        String name = key.name();
        Node node = nodes.cache().get(null, name);
        Instant now = clock.now();
        if (node == null) {
            heartbeats.forget(name);
            taintsFirstSeen.keySet().removeIf(k -> k.startsWith(name + "|"));
            return deleteOrphans(name, now);
        }
        missingSince.remove(name);
        Lease lease = leases.cache().get(LEASE_NAMESPACE, name);
        String renewed = lease == null || lease.getSpec() == null || lease.getSpec().getRenewTime() == null
                ? null : lease.getSpec().getRenewTime().toInstant().toString();
        NodeCondition ready = NodeTaints.condition(node, "Ready");
        Heartbeats.Probe probe = heartbeats.observe(name, renewed, ready == null ? null : ready.getLastHeartbeatTime(), now);
        Instant deadline = probe.probedAt().plus(options.gracePeriod());
        boolean stale = !now.isBefore(deadline);

        if (stale && (ready == null || !"Unknown".equals(ready.getStatus()))) {
            node = setReady(node, "Unknown", ready == null ? NEVER_REASON : UNKNOWN_REASON,
                    ready == null ? "Kubelet never posted node status." : "Kubelet stopped posting node status.");
            events.normal(node, "NodeNotReady", "Node " + name + " status is now: NodeNotReady");
        } else if (!stale && probe.moved() && ready != null && "Unknown".equals(ready.getStatus())
                && (UNKNOWN_REASON.equals(ready.getReason()) || NEVER_REASON.equals(ready.getReason()))) {
            node = setReady(node, "True", "KubeletReady", "kubelet is posting ready status");
            events.normal(node, "NodeReady", "Node " + name + " status is now: NodeReady");
        }
        ready = NodeTaints.condition(node, "Ready");
        if (ready != null && "Unknown".equals(ready.getStatus())) {
            markPodsNotReady(name);
        }
        node = syncTaints(node, now);
        Result result = evict(node, now);
        return stale ? result : result.min(Result.after(Duration.between(now, deadline)));
    }

    private Node setReady(Node node, String status, String reason, String message) {
        Node copy = Meta.copy(node);
        String now = clock.now().truncatedTo(ChronoUnit.SECONDS).toString();
        if (copy.getStatus() == null) {
            copy.setStatus(new io.fabric8.kubernetes.api.model.NodeStatus());
        }
        NodeCondition c = NodeTaints.condition(copy, "Ready");
        if (c == null) {
            c = new NodeCondition();
            c.setType("Ready");
            List<NodeCondition> list = new java.util.ArrayList<>(copy.getStatus().getConditions() == null
                    ? List.of() : copy.getStatus().getConditions());
            list.add(c);
            copy.getStatus().setConditions(list);
        }
        if (!status.equals(c.getStatus())) {
            c.setLastTransitionTime(now);
        }
        c.setStatus(status);
        c.setReason(reason);
        c.setMessage(message);
        if ("Unknown".equals(status)) {
            // As upstream: the other conditions the kubelet posts are unknown too.
            for (NodeCondition other : copy.getStatus().getConditions()) {
                if (other != c && !"Unknown".equals(other.getStatus())) {
                    other.setStatus("Unknown");
                    other.setReason(UNKNOWN_REASON);
                    other.setMessage("Kubelet stopped posting node status.");
                    other.setLastTransitionTime(now);
                }
            }
        }
        return api.updateStatus(copy);
    }

    private void markPodsNotReady(String node) {
        for (String key : podsByNode.podKeys(node)) {
            Pod pod = pods.cache().getByKey(key);
            if (pod == null || !Pods.isReady(pod)) {
                continue;
            }
            Pod copy = Meta.copy(pod);
            String now = clock.now().truncatedTo(ChronoUnit.SECONDS).toString();
            copy.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).forEach(c -> {
                c.setStatus("False");
                c.setLastTransitionTime(now);
            });
            try {
                api.updateStatus(copy);
                events.warning(pod, "NodeNotReady", "Node is not ready");
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
    }

    private Node syncTaints(Node node, Instant now) {
        List<Taint> desired = NodeTaints.desired(node, now.truncatedTo(ChronoUnit.SECONDS));
        if (NodeTaints.same(desired, NodeTaints.current(node))) {
            return node;
        }
        Node copy = Meta.copy(node);
        copy.getSpec().setTaints(desired);
        return api.update(copy);
    }

    /** Deletes the pods whose NoExecute toleration ran out; asks to come back when the next one does. */
    private Result evict(Node node, Instant now) {
        List<Taint> noExecute = NodeTaints.current(node).stream().filter(t -> NodeTaints.NO_EXECUTE.equals(t.getEffect())).toList();
        String name = node.getMetadata().getName();
        taintsFirstSeen.keySet().removeIf(k -> k.startsWith(name + "|") && noExecute.stream().noneMatch(t -> k.equals(taintKey(name, t))));
        if (noExecute.isEmpty()) {
            return Result.DONE;
        }
        Result result = Result.DONE;
        for (String key : podsByNode.podKeys(name)) {
            Pod pod = pods.cache().getByKey(key);
            if (pod == null || !Pods.isActive(pod)) {
                continue;
            }
            Instant at = TaintEviction.evictAt(pod, noExecute, t -> added(name, t, now), options.evictionDelay());
            if (at == null) {
                continue;
            }
            if (now.isBefore(at)) {
                result = result.min(Result.after(Duration.between(now, at)));
                continue;
            }
            events.normal(pod, "TaintManagerEviction", "Marking for deletion Pod " + key);
            try {
                api.delete(Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                        new DeleteOptions(null, 0L, pod.getMetadata().getUid(), null));
            } catch (ApiException e) {
                if (e.code() != 404 && e.code() != 409) {
                    throw e;
                }
            }
        }
        return result;
    }

    /**
     * Pods bound to a node that does not exist (deleted, or never registered) are deleted once it has been missing
     * for the grace period (upstream's PodGC, which quarantines 40 s), so that their owners replace them.
     */
    private Result deleteOrphans(String node, Instant now) {
        List<String> keys = podsByNode.podKeys(node);
        if (keys.isEmpty()) {
            missingSince.remove(node);
            return Result.DONE;
        }
        Instant since = missingSince.computeIfAbsent(node, n -> now);
        Instant due = since.plus(options.gracePeriod());
        if (now.isBefore(due)) {
            return Result.after(Duration.between(now, due));
        }
        for (String key : keys) {
            Pod pod = pods.cache().getByKey(key);
            if (pod == null) {
                continue;
            }
            try {
                api.delete(Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                        new DeleteOptions(null, 0L, pod.getMetadata().getUid(), null));
            } catch (ApiException e) {
                if (e.code() != 404 && e.code() != 409) {
                    throw e;
                }
            }
        }
        missingSince.remove(node);
        return Result.DONE;
    }

    private Instant added(String node, Taint taint, Instant now) {
        if (taint.getTimeAdded() != null && !taint.getTimeAdded().isEmpty()) {
            return Instant.parse(taint.getTimeAdded());
        }
        return taintsFirstSeen.computeIfAbsent(taintKey(node, taint), k -> now);
    }

    private static String taintKey(String node, Taint t) {
        return node + "|" + t.getKey() + "|" + t.getValue() + "|" + t.getEffect();
    }

    private void podArrived(String node) {
        Node n = nodes.cache().get(null, node);
        if (n == null || NodeTaints.current(n).stream().anyMatch(t -> NodeTaints.NO_EXECUTE.equals(t.getEffect()))) {
            controller.enqueue(Key.of(null, node));
        }
    }
}
