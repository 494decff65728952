package dev.wharf.scheduler.testing;

import dev.wharf.scheduler.model.PodInfo;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinity;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAntiAffinity;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pod builder for tests and benchmarks, after kube-scheduler's wrappers:
 * {@code MakePod.pod().name("p").labels("app", "web").req("500m", "128Mi").obj()}.
 */
public final class MakePod {
    private final Pod pod = new Pod();
    private final PodSpec spec = new PodSpec();
    private int containers;

    private MakePod() {
        pod.setMetadata(new ObjectMeta());
        pod.getMetadata().setNamespace("default");
        pod.setSpec(spec);
        spec.setContainers(new ArrayList<>());
    }

    public static MakePod pod() {
        return new MakePod();
    }

    public MakePod name(String name) {
        pod.getMetadata().setName(name);
        return this;
    }

    public MakePod namespace(String ns) {
        pod.getMetadata().setNamespace(ns);
        return this;
    }

    /** Labels as alternating keys and values. */
    public MakePod labels(String... kv) {
        pod.getMetadata().setLabels(new LinkedHashMap<>(pod.getMetadata().getLabels() == null ? Map.of()
                : pod.getMetadata().getLabels()));
        pod.getMetadata().getLabels().putAll(map(kv));
        return this;
    }

    public MakePod node(String nodeName) {
        spec.setNodeName(nodeName);
        return this;
    }

    public MakePod priority(int priority) {
        spec.setPriority(priority);
        return this;
    }

    /** Adds a container requesting cpu and memory (null leaves one out). */
    public MakePod req(String cpu, String memory) {
        spec.getContainers().add(container("c" + containers++, cpu, memory));
        return this;
    }

    /** Adds a container with arbitrary requests, as alternating resource names and quantities. */
    public MakePod reqs(String... kv) {
        Container c = new Container();
        c.setName("c" + containers++);
        c.setResources(new ResourceRequirements());
        Map<String, Quantity> r = new LinkedHashMap<>();
        map(kv).forEach((k, v) -> r.put(k, new Quantity(v)));
        c.getResources().setRequests(r);
        spec.getContainers().add(c);
        return this;
    }

    public MakePod initReq(String cpu, String memory) {
        if (spec.getInitContainers() == null) {
            spec.setInitContainers(new ArrayList<>());
        }
        spec.getInitContainers().add(container("init" + spec.getInitContainers().size(), cpu, memory));
        return this;
    }

    /** A restartable init container (restartPolicy Always): a sidecar that keeps running. */
    public MakePod sidecarReq(String cpu, String memory) {
        initReq(cpu, memory);
        spec.getInitContainers().get(spec.getInitContainers().size() - 1).setRestartPolicy("Always");
        return this;
    }

    public MakePod image(String image) {
        Container c = new Container();
        c.setName("c" + containers++);
        c.setImage(image);
        spec.getContainers().add(c);
        return this;
    }

    private static Container container(String name, String cpu, String memory) {
        Container c = new Container();
        c.setName(name);
        Map<String, Quantity> r = new LinkedHashMap<>();
        if (cpu != null) {
            r.put("cpu", new Quantity(cpu));
        }
        if (memory != null) {
            r.put("memory", new Quantity(memory));
        }
        c.setResources(new ResourceRequirements());
        c.getResources().setRequests(r);
        return c;
    }

    public MakePod nodeSelector(String... kv) {
        spec.setNodeSelector(map(kv));
        return this;
    }

    /** Adds a required node affinity term with one expression (terms are ORed). */
    public MakePod requiredNodeAffinity(String key, String operator, String... values) {
        NodeAffinity na = nodeAffinity();
        if (na.getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            na.setRequiredDuringSchedulingIgnoredDuringExecution(new NodeSelector(new ArrayList<>()));
        }
        na.getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().add(term(key, operator, values));
        return this;
    }

    public MakePod preferredNodeAffinity(int weight, String key, String operator, String... values) {
        NodeAffinity na = nodeAffinity();
        if (na.getPreferredDuringSchedulingIgnoredDuringExecution() == null) {
            na.setPreferredDuringSchedulingIgnoredDuringExecution(new ArrayList<>());
        }
        na.getPreferredDuringSchedulingIgnoredDuringExecution()
                .add(new PreferredSchedulingTerm(term(key, operator, values), weight));
        return this;
    }

    private static NodeSelectorTerm term(String key, String operator, String... values) {
        return new NodeSelectorTerm(List.of(new NodeSelectorRequirement(key, operator, List.of(values))), null);
    }

    private NodeAffinity nodeAffinity() {
        Affinity a = affinity();
        if (a.getNodeAffinity() == null) {
            a.setNodeAffinity(new NodeAffinity());
        }
        return a.getNodeAffinity();
    }

    private Affinity affinity() {
        if (spec.getAffinity() == null) {
            spec.setAffinity(new Affinity());
        }
        return spec.getAffinity();
    }

    public MakePod toleration(String key, String operator, String value, String effect) {
        if (spec.getTolerations() == null) {
            spec.setTolerations(new ArrayList<>());
        }
        spec.getTolerations().add(new Toleration(effect, key, operator, null, value));
        return this;
    }

    /** Required pod affinity to pods with these labels (alternating keys and values) in the same topology domain. */
    public MakePod podAffinity(String topologyKey, String... matchLabels) {
        PodAffinity pa = podAffinityObj();
        pa.getRequiredDuringSchedulingIgnoredDuringExecution().add(podTerm(topologyKey, matchLabels));
        return this;
    }

    public MakePod podAntiAffinity(String topologyKey, String... matchLabels) {
        PodAntiAffinity paa = podAntiAffinityObj();
        paa.getRequiredDuringSchedulingIgnoredDuringExecution().add(podTerm(topologyKey, matchLabels));
        return this;
    }

    public MakePod preferredPodAffinity(int weight, String topologyKey, String... matchLabels) {
        podAffinityObj().getPreferredDuringSchedulingIgnoredDuringExecution()
                .add(new WeightedPodAffinityTerm(podTerm(topologyKey, matchLabels), weight));
        return this;
    }

    public MakePod preferredPodAntiAffinity(int weight, String topologyKey, String... matchLabels) {
        podAntiAffinityObj().getPreferredDuringSchedulingIgnoredDuringExecution()
                .add(new WeightedPodAffinityTerm(podTerm(topologyKey, matchLabels), weight));
        return this;
    }

    /** A required anti-affinity term with an explicit term (namespaces, expressions). */
    public MakePod podAntiAffinity(PodAffinityTerm term) {
        podAntiAffinityObj().getRequiredDuringSchedulingIgnoredDuringExecution().add(term);
        return this;
    }

    public static PodAffinityTerm podTerm(String topologyKey, String... matchLabels) {
        PodAffinityTerm t = new PodAffinityTerm();
        t.setTopologyKey(topologyKey);
        t.setLabelSelector(selector(matchLabels));
        return t;
    }

    public static LabelSelector selector(String... matchLabels) {
        LabelSelector s = new LabelSelector();
        s.setMatchLabels(map(matchLabels));
        return s;
    }

    public static LabelSelector selectorExpr(String key, String operator, String... values) {
        LabelSelector s = new LabelSelector();
        s.setMatchExpressions(List.of(new LabelSelectorRequirement(key, operator, List.of(values))));
        return s;
    }

    private PodAffinity podAffinityObj() {
        Affinity a = affinity();
        if (a.getPodAffinity() == null) {
            a.setPodAffinity(new PodAffinity(new ArrayList<>(), new ArrayList<>()));
        }
        return a.getPodAffinity();
    }

    private PodAntiAffinity podAntiAffinityObj() {
        Affinity a = affinity();
        if (a.getPodAntiAffinity() == null) {
            a.setPodAntiAffinity(new PodAntiAffinity(new ArrayList<>(), new ArrayList<>()));
        }
        return a.getPodAntiAffinity();
    }

    /** A topology spread constraint over pods with these labels (alternating keys and values). */
    public MakePod spread(int maxSkew, String topologyKey, String whenUnsatisfiable, String... matchLabels) {
        TopologySpreadConstraint c = new TopologySpreadConstraint();
        c.setMaxSkew(maxSkew);
        c.setTopologyKey(topologyKey);
        c.setWhenUnsatisfiable(whenUnsatisfiable);
        c.setLabelSelector(selector(matchLabels));
        return spread(c);
    }

    public MakePod spread(TopologySpreadConstraint c) {
        if (spec.getTopologySpreadConstraints() == null) {
            spec.setTopologySpreadConstraints(new ArrayList<>());
        }
        spec.getTopologySpreadConstraints().add(c);
        return this;
    }

    public Pod obj() {
        if (pod.getMetadata().getName() == null) {
            throw new IllegalStateException("MakePod: name() is required");
        }
        return pod;
    }

    public PodInfo info() {
        return PodInfo.of(obj());
    }

    static Map<String, String> map(String... kv) {
        if (kv.length % 2 != 0) {
            throw new IllegalArgumentException("expected alternating keys and values");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
