package dev.wharf.controllers.nodelifecycle;

import dev.wharf.controller.runtime.informer.Cache;
import dev.wharf.controller.runtime.informer.EventHandler;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** An index of pod keys by {@code spec.nodeName}, fed by the pod informer; tells when a pod lands on a node. */
final class PodsByNode implements EventHandler<Pod> {
    private final Map<String, Set<String>> byNode = new ConcurrentHashMap<>();
    private final Consumer<String> podArrived;

    /** @param podArrived called with the node name when a pod is bound to it */
    PodsByNode(Consumer<String> podArrived) {
        this.podArrived = podArrived;
    }

    List<String> podKeys(String node) {
        Set<String> keys = byNode.get(node);
        return keys == null ? List.of() : List.copyOf(keys);
    }

    @Override
    public void onAdd(Pod pod) {
        String node = nodeOf(pod);
        if (node != null) {
            byNode.computeIfAbsent(node, n -> ConcurrentHashMap.newKeySet()).add(Cache.keyOf(pod));
            podArrived.accept(node);
        }
    }

    @Override
    public void onUpdate(Pod old, Pod now) {
        if (!Objects.equals(nodeOf(old), nodeOf(now))) {
            onDelete(old);
            onAdd(now);
        }
    }

    @Override
    public void onDelete(Pod last) {
        String node = nodeOf(last);
        if (node != null) {
            byNode.computeIfPresent(node, (n, keys) -> {
                keys.remove(Cache.keyOf(last));
                return keys.isEmpty() ? null : keys;
            });
        }
    }

    private static String nodeOf(Pod pod) {
        String n = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return n == null || n.isEmpty() ? null : n;
    }
}
