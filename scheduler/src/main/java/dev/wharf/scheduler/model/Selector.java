package dev.wharf.scheduler.model;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A compiled label selector (AND of requirements). Values are comparable, so equal selectors share cached
 * topology counts in the snapshot. A null manifest selector matches nothing, an empty one matches everything,
 * as in Kubernetes' affinity terms and spread constraints.
 */
public record Selector(List<Requirement> requirements, boolean nothing) {
    public static final Selector EVERYTHING = new Selector(List.of(), false);
    public static final Selector NOTHING = new Selector(List.of(), true);

    public Selector {
        requirements = List.copyOf(requirements);
    }

    public static Selector of(LabelSelector selector, String path) {
        if (selector == null) {
            return NOTHING;
        }
        List<Requirement> reqs = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            selector.getMatchLabels().forEach((k, v) -> reqs.add(Requirement.in(k, v)));
        }
        List<LabelSelectorRequirement> exprs = selector.getMatchExpressions();
        if (exprs != null) {
            for (int i = 0; i < exprs.size(); i++) {
                LabelSelectorRequirement e = exprs.get(i);
                reqs.add(Requirement.of(e.getKey(), e.getOperator(), e.getValues(), false,
                        path + ".matchExpressions[" + i + "]"));
            }
        }
        return normalized(reqs);
    }

    public static Selector matchLabels(Map<String, String> labels) {
        List<Requirement> reqs = new ArrayList<>();
        labels.forEach((k, v) -> reqs.add(Requirement.in(k, v)));
        return normalized(reqs);
    }

    /** This selector plus {@code key in (value)} for each key (matchLabelKeys of spread constraints). */
    public Selector and(List<Requirement> more) {
        if (nothing || more.isEmpty()) {
            return this;
        }
        List<Requirement> reqs = new ArrayList<>(requirements);
        reqs.addAll(more);
        return normalized(reqs);
    }

    private static Selector normalized(List<Requirement> reqs) {
        reqs.sort(Comparator.comparing(Requirement::key).thenComparing(r -> r.op().ordinal())
                .thenComparing(r -> String.join(",", r.values().stream().sorted().toList())));
        return new Selector(reqs, false);
    }

    public boolean matches(Map<String, String> labels) {
        if (nothing) {
            return false;
        }
        for (int i = 0; i < requirements.size(); i++) {
            if (!requirements.get(i).matches(labels)) {
                return false;
            }
        }
        return true;
    }
}
