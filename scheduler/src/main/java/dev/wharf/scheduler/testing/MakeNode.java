package dev.wharf.scheduler.testing;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Node builder for tests and benchmarks: {@code MakeNode.node().name("n1").zone("a").capacity("4", "8Gi", 110).obj()}.
 * Every node gets {@code kubernetes.io/hostname} = its name, and by default 4 cpu, 8Gi memory, 110 pods.
 */
public final class MakeNode {
    public static final String HOSTNAME = "kubernetes.io/hostname";
    public static final String ZONE = "topology.kubernetes.io/zone";
    public static final String REGION = "topology.kubernetes.io/region";

    private final Node node = new Node();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, Quantity> allocatable = new LinkedHashMap<>();

    private MakeNode() {
        node.setMetadata(new ObjectMeta());
        node.setSpec(new NodeSpec());
        node.setStatus(new NodeStatus());
        capacity("4", "8Gi", 110);
    }

    public static MakeNode node() {
        return new MakeNode();
    }

    public MakeNode name(String name) {
        node.getMetadata().setName(name);
        labels.put(HOSTNAME, name);
        return this;
    }

    public MakeNode zone(String zone) {
        labels.put(ZONE, zone);
        return this;
    }

    public MakeNode labels(String... kv) {
        labels.putAll(MakePod.map(kv));
        return this;
    }

    public MakeNode capacity(String cpu, String memory, int pods) {
        allocatable.put("cpu", new Quantity(cpu));
        allocatable.put("memory", new Quantity(memory));
        allocatable.put("pods", new Quantity(Integer.toString(pods)));
        return this;
    }

    /** Any allocatable resource, e.g. {@code ("ephemeral-storage", "10Gi")} or {@code ("nvidia.com/gpu", "2")}. */
    public MakeNode allocatable(String resource, String quantity) {
        allocatable.put(resource, new Quantity(quantity));
        return this;
    }

    public MakeNode taint(String key, String value, String effect) {
        if (node.getSpec().getTaints() == null) {
            node.getSpec().setTaints(new ArrayList<>());
        }
        node.getSpec().getTaints().add(new Taint(effect, key, null, value));
        return this;
    }

    public MakeNode unschedulable() {
        node.getSpec().setUnschedulable(true);
        return this;
    }

    public MakeNode images(String... names) {
        node.getStatus().setImages(new ArrayList<>(List.of(new ContainerImage(List.of(names), 100L << 20))));
        return this;
    }

    public Node obj() {
        if (node.getMetadata().getName() == null) {
            throw new IllegalStateException("MakeNode: name() is required");
        }
        node.getMetadata().setLabels(new LinkedHashMap<>(labels));
        node.getStatus().setAllocatable(new LinkedHashMap<>(allocatable));
        node.getStatus().setCapacity(new LinkedHashMap<>(allocatable));
        return node;
    }
}
