package dev.wharf.scheduler.snapshot;

import dev.wharf.scheduler.model.AffinityTerm;
import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.model.PodMatcher;
import dev.wharf.scheduler.model.WeightedAffinityTerm;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduler's view of the cluster: nodes (in zone-interleaved order, like kube-scheduler's node tree, so that
 * a sample of nodes covers every zone), pods per node, and per-topology-domain counts that filters read in O(1).
 * Plugins only read it. The one way to change it is {@link #assume}/{@link #remove}, which a caller uses after a
 * decision so that a batch of pods is scheduled one after another; every index is updated incrementally.
 * Not thread-safe: one scheduling loop owns a snapshot. Nodes are fixed: rebuild the snapshot when nodes change.
 */
public final class Snapshot {
    static final String ZONE = dev.wharf.api.resource.WellKnownLabels.ZONE;
    static final String REGION = "topology.kubernetes.io/region";
    private static final int MAX_CACHED_COUNTS = 1024;

    private final List<NodeInfo> nodes;
    private final Map<String, NodeInfo> byName = new HashMap<>();
    private final Map<String, Placed> pods = new HashMap<>();
    private final Map<String, TopologyIndex> topologies = new HashMap<>();
    private final Map<CountKey, DomainCounts> counts = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CountKey, DomainCounts> eldest) {
            return size() > MAX_CACHED_COUNTS;
        }
    };
    private final Map<ExistingTerms.Kind, Map<ExistingTerms.Key, ExistingTerms>> terms =
            new EnumMap<>(ExistingTerms.Kind.class);

    private final Map<String, Integer> nodesWithImage = new HashMap<>();
    private final boolean anyUnschedulable;
    private final boolean anyHardTaint;
    private final boolean anyPreferNoScheduleTaint;

    private record CountKey(String topologyKey, PodMatcher matcher, NodeEligibility eligibility) {
    }

    private record Placed(PodInfo pod, NodeInfo node) {
    }

    private Snapshot(List<NodeInfo> nodes) {
        this.nodes = List.copyOf(nodes);
        for (NodeInfo n : nodes) {
            if (byName.put(n.name(), n) != null) {
                throw new IllegalArgumentException("duplicate node " + n.name());
            }
        }
        for (ExistingTerms.Kind k : ExistingTerms.Kind.values()) {
            terms.put(k, new LinkedHashMap<>());
        }
        boolean unschedulable = false;
        boolean hard = false;
        boolean soft = false;
        for (NodeInfo n : nodes) {
            unschedulable |= n.unschedulable();
            n.images().keySet().forEach(i -> nodesWithImage.merge(i, 1, Integer::sum));
            for (var t : n.taints()) {
                boolean prefer = t.effect().equals(dev.wharf.scheduler.model.Taint.PREFER_NO_SCHEDULE);
                soft |= prefer;
                hard |= !prefer;
            }
        }
        this.anyUnschedulable = unschedulable;
        this.anyHardTaint = hard;
        this.anyPreferNoScheduleTaint = soft;
    }

    /** On how many nodes an image (normalized name) is present. */
    public int nodesWithImage(String image) {
        return nodesWithImage.getOrDefault(image, 0);
    }

    /** Whether any node reports images (lets ImageLocality skip). */
    public boolean anyImages() {
        return !nodesWithImage.isEmpty();
    }

    /** Whether some node is cordoned (lets NodeUnschedulable skip its filter). */
    public boolean anyUnschedulable() {
        return anyUnschedulable;
    }

    /** Whether some node has a NoSchedule or NoExecute taint. */
    public boolean anyHardTaint() {
        return anyHardTaint;
    }

    /** Whether some node has a PreferNoSchedule taint. */
    public boolean anyPreferNoScheduleTaint() {
        return anyPreferNoScheduleTaint;
    }

    /**
     * Builds a snapshot from nodes and the pods bound to them (pods without a known node, or finished, are
     * skipped). Each object is parsed once here.
     */
    public static Snapshot of(Collection<Node> nodes, Collection<Pod> pods) {
        List<NodeInfo> infos = new ArrayList<>();
        for (Node n : interleaveZones(nodes)) {
            infos.add(NodeInfo.of(infos.size(), n));
        }
        Snapshot s = new Snapshot(infos);
        for (Pod p : pods) {
            String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
            if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
                continue;
            }
            PodInfo info = PodInfo.of(p);
            if (info.nodeName() != null && s.byName.containsKey(info.nodeName())) {
                s.assume(info, info.nodeName());
            }
        }
        return s;
    }

    /** Orders nodes zone by zone in turn (zone order of first appearance), keeping the input order in a zone. */
    static List<Node> interleaveZones(Collection<Node> nodes) {
        Map<String, List<Node>> byZone = new LinkedHashMap<>();
        for (Node n : nodes) {
            Map<String, String> l = n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels();
            String zone = l.getOrDefault(REGION, "") + ":" + l.getOrDefault(ZONE, "");
            byZone.computeIfAbsent(zone, z -> new ArrayList<>()).add(n);
        }
        List<Node> out = new ArrayList<>(nodes.size());
        List<List<Node>> zones = new ArrayList<>(byZone.values());
        for (int i = 0; out.size() < nodes.size(); i++) {
            for (List<Node> z : zones) {
                if (i < z.size()) {
                    out.add(z.get(i));
                }
            }
        }
        return out;
    }

    public List<NodeInfo> nodes() {
        return nodes;
    }

    public int size() {
        return nodes.size();
    }

    /** The node of that name, or null. */
    public NodeInfo node(String name) {
        return byName.get(name);
    }

    /** The node a pod ({@code namespace/name}) is assigned to, or null. */
    public NodeInfo nodeOf(String podKey) {
        Placed p = pods.get(podKey);
        return p == null ? null : p.node();
    }

    public TopologyIndex topology(String key) {
        return topologies.computeIfAbsent(key, k -> new TopologyIndex(k, nodes));
    }

    /** Per-domain counts of pods matching {@code matcher} on nodes accepted by {@code eligibility}; cached. */
    public DomainCounts counts(String topologyKey, PodMatcher matcher, NodeEligibility eligibility) {
        CountKey key = new CountKey(topologyKey, matcher, eligibility);
        DomainCounts c = counts.get(key);
        if (c == null) {
            c = new DomainCounts(topology(topologyKey), matcher, eligibility, nodes, nodes.size());
            counts.put(key, c);
        }
        return c;
    }

    /** The distinct terms of a kind carried by existing pods, with per-domain counts of the pods carrying them. */
    public Collection<ExistingTerms> existingTerms(ExistingTerms.Kind kind) {
        return Collections.unmodifiableCollection(terms.get(kind).values());
    }

    /** Records that {@code pod} runs on {@code nodeName}: requests, pod lists, counts and terms follow. */
    public void assume(PodInfo pod, String nodeName) {
        NodeInfo node = byName.get(nodeName);
        if (node == null) {
            throw new IllegalArgumentException("unknown node " + nodeName);
        }
        if (pods.putIfAbsent(pod.key(), new Placed(pod, node)) != null) {
            throw new IllegalStateException("pod " + pod.key() + " is already assigned");
        }
        node.add(pod);
        change(pod, node, 1);
    }

    /** Forgets a pod (deleted, or an assumption undone); returns whether it was known. */
    public boolean remove(String podKey) {
        Placed p = pods.remove(podKey);
        if (p == null) {
            return false;
        }
        p.node().remove(p.pod());
        change(p.pod(), p.node(), -1);
        return true;
    }

    private void change(PodInfo pod, NodeInfo node, int delta) {
        for (DomainCounts c : counts.values()) {
            c.update(pod, node, delta);
        }
        if (pod.hasPodAffinity()) {
            for (AffinityTerm t : pod.requiredAffinity()) {
                term(ExistingTerms.Kind.REQUIRED_AFFINITY, t, 1, node, delta);
            }
            for (AffinityTerm t : pod.requiredAntiAffinity()) {
                term(ExistingTerms.Kind.REQUIRED_ANTI_AFFINITY, t, 1, node, delta);
            }
            for (WeightedAffinityTerm t : pod.preferredAffinity()) {
                term(ExistingTerms.Kind.PREFERRED_AFFINITY, t.term(), t.weight(), node, delta);
            }
            for (WeightedAffinityTerm t : pod.preferredAntiAffinity()) {
                term(ExistingTerms.Kind.PREFERRED_ANTI_AFFINITY, t.term(), t.weight(), node, delta);
            }
        }
    }

    private void term(ExistingTerms.Kind kind, AffinityTerm t, int weight, NodeInfo node, int delta) {
        Map<ExistingTerms.Key, ExistingTerms> byKey = terms.get(kind);
        ExistingTerms.Key key = new ExistingTerms.Key(kind, t, weight);
        ExistingTerms e = byKey.get(key);
        if (e == null) {
            if (delta < 0) {
                return;
            }
            e = new ExistingTerms(key, topology(t.topologyKey()));
            byKey.put(key, e);
        }
        e.update(node, delta);
        if (e.total() <= 0) {
            byKey.remove(key);
        }
    }
}
