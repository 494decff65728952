package dev.wharf.controller.runtime.select;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.api.ApiException;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Label and field selectors, minimal and self-contained, for the fake API client and the controllers.
 * The API module's {@code dev.wharf.api.selector} is the full implementation the apiserver uses.
 */
public final class Selectors {
    private Selectors() {
    }

    /** The string form: "a=b,c!=d,e in (x,y),f notin (z),g,!h". Null or blank matches everything. */
    public static Predicate<Map<String, String>> labels(String selector) {
        if (selector == null || selector.isBlank()) {
            return labels -> true;
        }
        List<Predicate<Map<String, String>>> terms = new ArrayList<>();
        for (String term : splitTerms(selector)) {
            terms.add(labelTerm(term.trim(), selector));
        }
        return labels -> {
            Map<String, String> l = labels == null ? Map.of() : labels;
            return terms.stream().allMatch(t -> t.test(l));
        };
    }

    /** A manifest's structured selector; null matches nothing, empty matches everything (as for workloads). */
    public static Predicate<Map<String, String>> labels(LabelSelector selector) {
        if (selector == null) {
            return labels -> false;
        }
        Map<String, String> matchLabels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        List<LabelSelectorRequirement> exprs =
                selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
        return labels -> {
            Map<String, String> l = labels == null ? Map.of() : labels;
            for (Map.Entry<String, String> e : matchLabels.entrySet()) {
                if (!e.getValue().equals(l.get(e.getKey()))) {
                    return false;
                }
            }
            for (LabelSelectorRequirement r : exprs) {
                String v = l.get(r.getKey());
                List<String> values = r.getValues() == null ? List.of() : r.getValues();
                boolean ok = switch (r.getOperator()) {
                    case "In" -> v != null && values.contains(v);
                    case "NotIn" -> v == null || !values.contains(v);
                    case "Exists" -> l.containsKey(r.getKey());
                    case "DoesNotExist" -> !l.containsKey(r.getKey());
                    default -> false;
                };
                if (!ok) {
                    return false;
                }
            }
            return true;
        };
    }

    /** The query-string form of a structured selector (matchLabels only plus set expressions). */
    public static String toString(LabelSelector selector) {
        List<String> parts = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            selector.getMatchLabels().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> parts.add(e.getKey() + "=" + e.getValue()));
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                switch (r.getOperator()) {
                    case "In" -> parts.add(r.getKey() + " in (" + String.join(",", r.getValues()) + ")");
                    case "NotIn" -> parts.add(r.getKey() + " notin (" + String.join(",", r.getValues()) + ")");
                    case "Exists" -> parts.add(r.getKey());
                    case "DoesNotExist" -> parts.add("!" + r.getKey());
                    default -> throw new IllegalArgumentException("operator " + r.getOperator());
                }
            }
        }
        return String.join(",", parts);
    }

    /** "metadata.name=web,status.phase!=Running": dotted paths into the object's JSON. */
    public static Predicate<JsonNode> fields(String selector) {
        if (selector == null || selector.isBlank()) {
            return o -> true;
        }
        List<Predicate<JsonNode>> terms = new ArrayList<>();
        for (String term : selector.split(",")) {
            boolean negate = term.contains("!=");
            String[] kv = term.split(negate ? "!=" : "==?", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw ApiException.badRequest("invalid field selector: '" + selector + "'");
            }
            String path = kv[0].trim();
            String value = kv[1].trim();
            terms.add(o -> value.equals(text(o, path)) != negate);
        }
        return o -> terms.stream().allMatch(t -> t.test(o));
    }

    private static String text(JsonNode o, String path) {
        JsonNode n = o;
        for (String p : path.split("\\.")) {
            n = n == null ? null : n.get(p);
        }
        return n == null || n.isNull() ? "" : n.asText();
    }

    private static List<String> splitTerms(String selector) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        out.add(selector.substring(start));
        return out;
    }

    private static Predicate<Map<String, String>> labelTerm(String term, String whole) {
        if (term.isEmpty()) {
            throw ApiException.badRequest("unable to parse requirement: empty term in '" + whole + "'");
        }
        String[] set = term.split("\\s+(?i:in|notin)\\s*(?=\\()", 2);
        if (set.length == 2) {
            String key = set[0].trim();
            boolean notIn = term.substring(key.length()).trim().toLowerCase(java.util.Locale.ROOT).startsWith("notin");
            String inner = set[1].trim();
            if (!inner.startsWith("(") || !inner.endsWith(")")) {
                throw ApiException.badRequest("unable to parse requirement: '" + term + "'");
            }
            Set<String> values = Set.of(inner.substring(1, inner.length() - 1).trim().split("\\s*,\\s*"));
            return l -> notIn ? !values.contains(l.get(key)) : values.contains(l.get(key));
        }
        if (term.contains("!=")) {
            String[] kv = term.split("!=", 2);
            String k = kv[0].trim();
            String v = kv[1].trim();
            return l -> !v.equals(l.get(k));
        }
        if (term.contains("=")) {
            String[] kv = term.split("==?", 2);
            String k = kv[0].trim();
            String v = kv[1].trim();
            return l -> v.equals(l.get(k));
        }
        if (term.startsWith("!")) {
            String k = term.substring(1).trim();
            return l -> !l.containsKey(k);
        }
        return l -> l.containsKey(term);
    }
}
