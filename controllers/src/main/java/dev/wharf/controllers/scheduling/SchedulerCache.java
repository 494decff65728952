package dev.wharf.controllers.scheduling;

import dev.wharf.api.ApiException;
import dev.wharf.controller.runtime.informer.Cache;
import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.snapshot.Snapshot;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The scheduling loop's {@link Snapshot}, kept in step with the informer caches incrementally (kube-scheduler's
 * cache): informer handlers only mark pods dirty or nodes changed (any thread); {@link #sync()}, called by the
 * one scheduling thread before each pod, re-reads the dirty pods from the cache and assumes/removes them, and
 * rebuilds the snapshot when a node changed in a way the scheduler can see (nodes are fixed in a snapshot).
 * Pods this loop decided but whose binding the informer has not shown yet stay "assumed" on their node, so the
 * next pods of a burst see them.
 */
final class SchedulerCache {
    private static final Logger LOG = Logger.getLogger(SchedulerCache.class.getName());

    /** A pod this loop placed and is binding: kept until the informer shows it bound, or the binding failed. */
    record Assumed(String uid, String node, PodInfo info) {
    }

    /** What the snapshot holds for a pod, to tell whether a cached version still matches. */
    private record Placed(String uid, String node, Map<String, String> labels, PodInfo info) {
    }

    private final Cache<Node> nodes;
    private final Cache<Pod> pods;
    private final Set<String> dirtyPods = ConcurrentHashMap.newKeySet();
    private final Map<String, Assumed> assumed = new ConcurrentHashMap<>();
    private final AtomicBoolean nodesChanged = new AtomicBoolean(true);
    private Map<String, Placed> placed = new HashMap<>();
    private Snapshot snapshot;

    SchedulerCache(Cache<Node> nodes, Cache<Pod> pods) {
        this.nodes = nodes;
        this.pods = pods;
    }

    // ---- any thread

    void podChanged(String podKey) {
        dirtyPods.add(podKey);
    }

    void nodesChanged() {
        nodesChanged.set(true);
    }

    boolean isAssumed(String podKey, String uid) {
        Assumed a = assumed.get(podKey);
        return a != null && a.uid().equals(uid);
    }

    /** The binding failed: forget the assumption; the next {@link #sync()} takes the pod off its node. */
    void forget(String podKey) {
        assumed.remove(podKey);
        dirtyPods.add(podKey);
    }

    // ---- the scheduling thread

    /** Brings the snapshot up to date with the caches; returns it. */
    Snapshot sync() {
        List<String> dirty = new ArrayList<>(dirtyPods);
        dirtyPods.removeAll(dirty);
        if (snapshot == null || nodesChanged.getAndSet(false)) {
            rebuild();
            return snapshot;
        }
        for (String key : dirty) {
            syncPod(key, pods.getByKey(key));
        }
        return snapshot;
    }

    /** Records the loop's own decision before binding. */
    void assume(Pod pod, PodInfo info, String node) {
        String key = info.key();
        Placed old = placed.remove(key);
        if (old != null) {
            snapshot.remove(key);
        }
        assumed.put(key, new Assumed(pod.getMetadata().getUid(), node, info));
        snapshot.assume(info, node);
        placed.put(key, new Placed(pod.getMetadata().getUid(), node, info.labels(), info));
    }

    Snapshot snapshot() {
        return snapshot;
    }

    private void rebuild() {
        List<Node> live = new ArrayList<>();
        for (Node n : nodes.list()) {
            if (n.getMetadata().getDeletionTimestamp() == null) {
                live.add(n);
            }
        }
        Map<String, Placed> previous = placed;
        placed = new HashMap<>();
        snapshot = Snapshot.of(live, List.of());
        for (Pod p : pods.list()) {
            String key = Cache.keyOf(p);
            Placed before = previous.get(key);
            place(key, p, before);
        }
    }

    private void syncPod(String key, Pod pod) {
        Placed before = placed.get(key);
        if (before != null) {
            placed.remove(key);
            snapshot.remove(key);
        }
        place(key, pod, before);
    }

    /** Puts the pod where it belongs (bound node, else its assumed node), reusing the parsed info when unchanged. */
    private void place(String key, Pod pod, Placed before) {
        if (pod == null) {
            assumed.remove(key);
            return;
        }
        String uid = pod.getMetadata().getUid();
        String node = boundNode(pod);
        Assumed a = assumed.get(key);
        if (a != null && (!a.uid().equals(uid) || node != null)) {
            assumed.remove(key, a);
            a = null;
        }
        if (node == null && a != null) {
            node = a.node();
        }
        if (node == null || !isActive(pod) || snapshot.node(node) == null) {
            return;
        }
        PodInfo info;
        if (before != null && before.uid().equals(uid) && Objects.equals(before.labels(), labels(pod))) {
            info = before.info();
        } else if (a != null) {
            info = a.info();
        } else {
            try {
                info = PodInfo.of(pod);
            } catch (ApiException | IllegalArgumentException e) {
                LOG.log(Level.FINE, "pod " + key + " on " + node + " left out of the snapshot: " + e.getMessage());
                return;
            }
        }
        snapshot.assume(info, node);
        placed.put(key, new Placed(uid, node, info.labels(), info));
    }

    static String boundNode(Pod pod) {
        String n = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return n == null || n.isEmpty() ? null : n;
    }

    static boolean isActive(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    private static Map<String, String> labels(Pod pod) {
        Map<String, String> l = pod.getMetadata().getLabels();
        return l == null ? Map.of() : l;
    }
}
