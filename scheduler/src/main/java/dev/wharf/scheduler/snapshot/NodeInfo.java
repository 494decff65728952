package dev.wharf.scheduler.snapshot;

import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.model.Resources;
import dev.wharf.scheduler.model.Taint;
import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node as the scheduler sees it: the immutable part parsed once from the Node, and the pods assigned to it with
 * their summed requests. Only {@link Snapshot} changes the assigned part (assume/remove); plugins only read.
 */
public final class NodeInfo {
    public static final long DEFAULT_MAX_PODS = 110;

    private final int index;
    private final String name;
    private final Map<String, String> labels;
    private final Resources allocatable;
    private final long allowedPods;
    private final List<Taint> taints;
    private final boolean unschedulable;
    private final Map<String, Long> images;

    private Resources requested = Resources.ZERO;
    private Resources nonZeroRequested = Resources.ZERO;
    private final List<PodInfo> pods = new ArrayList<>();

    // Hot-path mirrors: filters and scorers read these primitives from this object only (no pointer chasing
    // into records and lists of 5,000 nodes, which cost more in cache misses than the arithmetic).
    private final long allocMilliCpu;
    private final long allocMemory;
    private final long allocEphemeral;
    private long reqMilliCpu;
    private long reqMemory;
    private long reqEphemeral;
    private long nonZeroMilliCpu;
    private long nonZeroMemory;
    private int podCount;

    NodeInfo(int index, String name, Map<String, String> labels, Resources allocatable, long allowedPods,
             List<Taint> taints, boolean unschedulable, Map<String, Long> images) {
        this.index = index;
        this.name = name;
        this.labels = Map.copyOf(labels);
        this.allocatable = allocatable;
        this.allowedPods = allowedPods;
        this.taints = List.copyOf(taints);
        this.unschedulable = unschedulable;
        this.images = Map.copyOf(images);
        this.allocMilliCpu = allocatable.milliCpu();
        this.allocMemory = allocatable.memory();
        this.allocEphemeral = allocatable.ephemeralStorage();
    }

    static NodeInfo of(int index, Node node) {
        var meta = node.getMetadata();
        var spec = node.getSpec();
        var status = node.getStatus();
        var alloc = status == null ? null
                : status.getAllocatable() != null && !status.getAllocatable().isEmpty() ? status.getAllocatable()
                : status.getCapacity();
        Map<String, Long> images = new HashMap<>();
        if (status != null && status.getImages() != null) {
            for (ContainerImage img : status.getImages()) {
                if (img.getNames() != null) {
                    for (String name : img.getNames()) {
                        images.put(ImageNames.normalize(name), img.getSizeBytes() == null ? 0L : img.getSizeBytes());
                    }
                }
            }
        }
        List<Taint> taints = spec == null || spec.getTaints() == null ? List.of()
                : spec.getTaints().stream().map(Taint::of).toList();
        return new NodeInfo(index, meta.getName(), meta.getLabels() == null ? Map.of() : meta.getLabels(),
                Resources.of(alloc, "status.allocatable"), Resources.pods(alloc, DEFAULT_MAX_PODS), taints,
                spec != null && Boolean.TRUE.equals(spec.getUnschedulable()), images);
    }

    /** Position in the snapshot's node order; indexes the per-node arrays of topology indexes. */
    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public Map<String, String> labels() {
        return labels;
    }

    public Resources allocatable() {
        return allocatable;
    }

    public long allowedPods() {
        return allowedPods;
    }

    public List<Taint> taints() {
        return taints;
    }

    public boolean unschedulable() {
        return unschedulable;
    }

    /** Images present on the node (normalized names, see {@link ImageNames}) with their sizes in bytes. */
    public Map<String, Long> images() {
        return images;
    }

    /** Sum of the effective requests of the pods on this node. */
    public Resources requested() {
        return requested;
    }

    /** Like {@link #requested()} with upstream's non-zero defaults, for scoring. */
    public Resources nonZeroRequested() {
        return nonZeroRequested;
    }

    public int podCount() {
        return podCount;
    }

    public long allocatableMilliCpu() {
        return allocMilliCpu;
    }

    public long allocatableMemory() {
        return allocMemory;
    }

    public long allocatableEphemeralStorage() {
        return allocEphemeral;
    }

    public long requestedMilliCpu() {
        return reqMilliCpu;
    }

    public long requestedMemory() {
        return reqMemory;
    }

    public long requestedEphemeralStorage() {
        return reqEphemeral;
    }

    public long nonZeroRequestedMilliCpu() {
        return nonZeroMilliCpu;
    }

    public long nonZeroRequestedMemory() {
        return nonZeroMemory;
    }

    public List<PodInfo> pods() {
        return Collections.unmodifiableList(pods);
    }

    void add(PodInfo pod) {
        pods.add(pod);
        requested = requested.plus(pod.requests());
        nonZeroRequested = nonZeroRequested.plus(pod.nonZeroRequests());
        mirror();
    }

    void remove(PodInfo pod) {
        if (pods.remove(pod)) {
            requested = requested.minus(pod.requests());
            nonZeroRequested = nonZeroRequested.minus(pod.nonZeroRequests());
            mirror();
        }
    }

    private void mirror() {
        reqMilliCpu = requested.milliCpu();
        reqMemory = requested.memory();
        reqEphemeral = requested.ephemeralStorage();
        nonZeroMilliCpu = nonZeroRequested.milliCpu();
        nonZeroMemory = nonZeroRequested.memory();
        podCount = pods.size();
    }

    @Override
    public String toString() {
        return "NodeInfo[" + name + ", pods=" + pods.size() + "]";
    }
}
