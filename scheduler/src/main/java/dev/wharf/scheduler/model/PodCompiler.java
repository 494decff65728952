package dev.wharf.scheduler.model;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a fabric8 Pod into a {@link PodInfo}; every field error names its path. */
final class PodCompiler {
    static final long DEFAULT_MILLI_CPU = 100;
    static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

    private PodCompiler() {
    }

    static PodInfo compile(Pod pod) {
        var meta = pod.getMetadata();
        if (meta == null || meta.getName() == null) {
            throw Errors.invalid("metadata.name", "a pod to schedule needs a name");
        }
        String ns = meta.getNamespace() == null ? "default" : meta.getNamespace();
        Map<String, String> labels = meta.getLabels() == null ? Map.of() : Map.copyOf(meta.getLabels());
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        Affinity aff = spec.getAffinity();

        List<Toleration> tolerations = spec.getTolerations() == null ? List.of()
                : spec.getTolerations().stream().map(Toleration::of).toList();

        List<NodeSelectorTerm> required = null;
        List<WeightedNodeTerm> preferred = new ArrayList<>();
        NodeAffinity na = aff == null ? null : aff.getNodeAffinity();
        if (na != null) {
            String p = "spec.affinity.nodeAffinity";
            var req = na.getRequiredDuringSchedulingIgnoredDuringExecution();
            if (req != null) {
                required = new ArrayList<>();
                var terms = req.getNodeSelectorTerms();
                for (int i = 0; terms != null && i < terms.size(); i++) {
                    required.add(NodeSelectorTerm.of(terms.get(i),
                            p + ".requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[" + i + "]"));
                }
            }
            var pref = na.getPreferredDuringSchedulingIgnoredDuringExecution();
            for (int i = 0; pref != null && i < pref.size(); i++) {
                String pp = p + ".preferredDuringSchedulingIgnoredDuringExecution[" + i + "]";
                preferred.add(new WeightedNodeTerm(weight(pref.get(i).getWeight(), pp),
                        NodeSelectorTerm.of(pref.get(i).getPreference(), pp + ".preference")));
            }
        }
        NodeConstraint nodeConstraint = new NodeConstraint(
                spec.getNodeSelector() == null ? Map.of() : spec.getNodeSelector(), required);

        var pa = aff == null ? null : aff.getPodAffinity();
        var paa = aff == null ? null : aff.getPodAntiAffinity();
        String pap = "spec.affinity.podAffinity";
        String paap = "spec.affinity.podAntiAffinity";
        return new PodInfo(ns, meta.getName(), meta.getUid(), labels, emptyToNull(spec.getNodeName()),
                spec.getPriority() == null ? 0 : spec.getPriority(),
                requests(spec, false), requests(spec, true), tolerations, nodeConstraint, List.copyOf(preferred),
                terms(pa == null ? null : pa.getRequiredDuringSchedulingIgnoredDuringExecution(), ns, pap),
                terms(paa == null ? null : paa.getRequiredDuringSchedulingIgnoredDuringExecution(), ns, paap),
                weighted(pa == null ? null : pa.getPreferredDuringSchedulingIgnoredDuringExecution(), ns, pap),
                weighted(paa == null ? null : paa.getPreferredDuringSchedulingIgnoredDuringExecution(), ns, paap),
                spread(spec.getTopologySpreadConstraints(), ns, labels),
                spec.getContainers() == null ? List.of()
                        : spec.getContainers().stream().map(Container::getImage).filter(i -> i != null).toList());
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Upstream's PodRequests: max(sum(containers) + sidecars, max over init steps) + overhead. */
    static Resources requests(PodSpec spec, boolean nonZero) {
        Resources sum = Resources.ZERO;
        List<Container> containers = spec.getContainers() == null ? List.of() : spec.getContainers();
        for (int i = 0; i < containers.size(); i++) {
            sum = sum.plus(containerRequests(containers.get(i), nonZero, "spec.containers[" + i + "]"));
        }
        Resources sidecars = Resources.ZERO;
        Resources initMax = Resources.ZERO;
        List<Container> inits = spec.getInitContainers() == null ? List.of() : spec.getInitContainers();
        for (int i = 0; i < inits.size(); i++) {
            Container c = inits.get(i);
            Resources r = containerRequests(c, nonZero, "spec.initContainers[" + i + "]");
            if ("Always".equals(c.getRestartPolicy())) {
                sidecars = sidecars.plus(r);
                initMax = initMax.max(sidecars);
            } else {
                initMax = initMax.max(sidecars.plus(r));
            }
        }
        Resources total = sum.plus(sidecars).max(initMax);
        if (spec.getOverhead() != null) {
            total = total.plus(Resources.of(spec.getOverhead(), "spec.overhead"));
        }
        return total;
    }

    private static Resources containerRequests(Container c, boolean nonZero, String path) {
        Map<String, Quantity> req = c.getResources() == null ? null : c.getResources().getRequests();
        Resources r = Resources.of(req, path + ".resources.requests");
        if (nonZero) {
            boolean hasCpu = req != null && req.containsKey(Resources.CPU);
            boolean hasMem = req != null && req.containsKey(Resources.MEMORY);
            r = new Resources(hasCpu ? r.milliCpu() : DEFAULT_MILLI_CPU, hasMem ? r.memory() : DEFAULT_MEMORY,
                    r.ephemeralStorage(), r.scalars());
        }
        return r;
    }

    private static int weight(Integer w, String path) {
        if (w == null || w < 1 || w > 100) {
            throw Errors.invalid(path + ".weight", "must be in the range 1-100");
        }
        return w;
    }

    private static List<AffinityTerm> terms(List<PodAffinityTerm> terms, String ns, String path) {
        if (terms == null) {
            return List.of();
        }
        List<AffinityTerm> out = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            out.add(term(terms.get(i), ns, path + ".requiredDuringSchedulingIgnoredDuringExecution[" + i + "]"));
        }
        return List.copyOf(out);
    }

    private static List<WeightedAffinityTerm> weighted(List<WeightedPodAffinityTerm> terms, String ns, String path) {
        if (terms == null) {
            return List.of();
        }
        List<WeightedAffinityTerm> out = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            String p = path + ".preferredDuringSchedulingIgnoredDuringExecution[" + i + "]";
            out.add(new WeightedAffinityTerm(weight(terms.get(i).getWeight(), p),
                    term(terms.get(i).getPodAffinityTerm(), ns, p + ".podAffinityTerm")));
        }
        return List.copyOf(out);
    }

    static AffinityTerm term(PodAffinityTerm t, String ns, String path) {
        if (t == null) {
            throw Errors.invalid(path, "must be specified");
        }
        if (t.getTopologyKey() == null || t.getTopologyKey().isEmpty()) {
            throw Errors.invalid(path + ".topologyKey", "can not be empty");
        }
        Set<String> namespaces = new HashSet<>(t.getNamespaces() == null ? List.of() : t.getNamespaces());
        var nsSel = t.getNamespaceSelector();
        boolean all = nsSel != null && (nsSel.getMatchLabels() == null || nsSel.getMatchLabels().isEmpty())
                && (nsSel.getMatchExpressions() == null || nsSel.getMatchExpressions().isEmpty());
        if (namespaces.isEmpty() && nsSel == null) {
            namespaces.add(ns);
        }
        return new AffinityTerm(new PodMatcher(namespaces, all, Selector.of(t.getLabelSelector(), path + ".labelSelector")),
                t.getTopologyKey());
    }

    private static List<SpreadConstraint> spread(List<TopologySpreadConstraint> cs, String ns, Map<String, String> labels) {
        if (cs == null) {
            return List.of();
        }
        List<SpreadConstraint> out = new ArrayList<>();
        for (int i = 0; i < cs.size(); i++) {
            TopologySpreadConstraint c = cs.get(i);
            String p = "spec.topologySpreadConstraints[" + i + "]";
            if (c.getMaxSkew() == null || c.getMaxSkew() < 1) {
                throw Errors.invalid(p + ".maxSkew", "must be greater than zero");
            }
            if (c.getTopologyKey() == null || c.getTopologyKey().isEmpty()) {
                throw Errors.invalid(p + ".topologyKey", "can not be empty");
            }
            boolean hard = switch (c.getWhenUnsatisfiable() == null ? "" : c.getWhenUnsatisfiable()) {
                case "DoNotSchedule" -> true;
                case "ScheduleAnyway" -> false;
                default -> throw Errors.invalid(p + ".whenUnsatisfiable",
                        "supported values: \"DoNotSchedule\", \"ScheduleAnyway\"");
            };
            int minDomains = c.getMinDomains() == null ? 1 : c.getMinDomains();
            if (minDomains < 1 || (!hard && c.getMinDomains() != null)) {
                throw Errors.invalid(p + ".minDomains", "must be greater than zero and needs DoNotSchedule");
            }
            Selector sel = Selector.of(c.getLabelSelector(), p + ".labelSelector");
            List<Requirement> extra = new ArrayList<>();
            if (c.getMatchLabelKeys() != null) {
                for (String key : c.getMatchLabelKeys()) {
                    if (labels.containsKey(key)) {
                        extra.add(Requirement.in(key, labels.get(key)));
                    }
                }
            }
            out.add(new SpreadConstraint(c.getMaxSkew(), c.getTopologyKey(), hard, minDomains,
                    new PodMatcher(Set.of(ns), false, sel.and(extra)),
                    !"Ignore".equals(c.getNodeAffinityPolicy()), "Honor".equals(c.getNodeTaintsPolicy())));
        }
        return List.copyOf(out);
    }
}
