package dev.wharf.api.selector;

import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A label selector: the string form of the API ("app=web,tier!=db,env in (a,b),!canary,release") and the
 * structured form of manifests (matchLabels, matchExpressions).
 */
public interface LabelSelector {
    boolean matches(Map<String, String> labels);

    /** The requirements, all of which must hold (empty: everything matches). */
    default List<Requirement> requirements() {
        return List.of();
    }

    /** Parses the query-string form; throws ApiException 400 on a syntax error. Empty or null matches all. */
    static LabelSelector parse(String selector) {
        if (selector == null || selector.isBlank()) {
            return everything();
        }
        return new Requirements(new LabelSelectorParser(selector).parse());
    }

    /** From a manifest's selector; a null selector matches nothing (as Kubernetes treats it for workloads). */
    static LabelSelector of(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        if (selector == null) {
            return labels -> false;
        }
        List<Requirement> reqs = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            selector.getMatchLabels().forEach((k, v) -> reqs.add(new Requirement(k, Requirement.Operator.EQUALS, List.of(v))));
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement e : selector.getMatchExpressions()) {
                List<String> values = e.getValues() == null ? List.of() : e.getValues();
                Requirement.Operator op = switch (e.getOperator() == null ? "" : e.getOperator()) {
                    case "In" -> Requirement.Operator.IN;
                    case "NotIn" -> Requirement.Operator.NOT_IN;
                    case "Exists" -> Requirement.Operator.EXISTS;
                    case "DoesNotExist" -> Requirement.Operator.DOES_NOT_EXIST;
                    default -> throw dev.wharf.api.ApiException.badRequest("\"" + e.getOperator() + "\" is not a valid label selector operator");
                };
                reqs.add(new Requirement(e.getKey(), op, values));
            }
        }
        return new Requirements(reqs);
    }

    static LabelSelector everything() {
        return new Requirements(List.of());
    }

    /** A conjunction of requirements; prints like Kubernetes' labels.Selector.String() (sorted by key). */
    record Requirements(List<Requirement> requirements) implements LabelSelector {
        public Requirements {
            requirements = List.copyOf(requirements);
        }

        @Override
        public boolean matches(Map<String, String> labels) {
            for (Requirement r : requirements) {
                if (!r.matches(labels)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            List<Requirement> sorted = new ArrayList<>(requirements);
            sorted.sort((a, b) -> a.key().compareTo(b.key()));
            List<String> parts = new ArrayList<>();
            for (Requirement r : sorted) {
                parts.add(r.toString());
            }
            return String.join(",", parts);
        }
    }

    /** One requirement: key, operator, values. */
    record Requirement(String key, Operator operator, List<String> values) {
        public enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GREATER_THAN, LESS_THAN }

        public Requirement {
            values = List.copyOf(values);
        }

        public boolean matches(Map<String, String> labels) {
            String v = labels == null ? null : labels.get(key);
            return switch (operator) {
                case EQUALS, IN -> v != null && values.contains(v);
                case NOT_EQUALS, NOT_IN -> v == null || !values.contains(v);
                case EXISTS -> v != null;
                case DOES_NOT_EXIST -> v == null;
                case GREATER_THAN, LESS_THAN -> compare(v);
            };
        }

        private boolean compare(String v) {
            if (v == null) {
                return false;
            }
            try {
                long have = Long.parseLong(v);
                long want = Long.parseLong(values.get(0));
                return operator == Operator.GREATER_THAN ? have > want : have < want;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            return switch (operator) {
                case EQUALS -> key + "=" + values.get(0);
                case NOT_EQUALS -> key + "!=" + values.get(0);
                case IN -> key + " in (" + String.join(",", new TreeSet<>(values)) + ")";
                case NOT_IN -> key + " notin (" + String.join(",", new TreeSet<>(values)) + ")";
                case EXISTS -> key;
                case DOES_NOT_EXIST -> "!" + key;
                case GREATER_THAN -> key + ">" + values.get(0);
                case LESS_THAN -> key + "<" + values.get(0);
            };
        }
    }
}
