package dev.wharf.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** Formats values as Kubernetes' field errors print them (Go's %v, %q and %#v verbs). */
public final class GoValues {
    private GoValues() {
    }

    /** A value already rendered the Go way, printed verbatim. */
    public record Raw(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    public static String format(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Raw raw) {
            return raw.text();
        }
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof JsonNode node) {
            return formatNode(node);
        }
        return value.toString();
    }

    private static String formatNode(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return quote(node.asText());
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        return node.toString();
    }

    /** Go's map[string]string %#v rendering, keys sorted: {@code map[string]string{"app":"web"}}. */
    public static Raw stringMap(JsonNode map) {
        TreeMap<String, String> sorted = new TreeMap<>();
        if (map != null && map.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sorted.put(e.getKey(), e.getValue().asText());
            }
        }
        if (map == null || !map.isObject()) {
            return new Raw("map[string]string(nil)");
        }
        StringBuilder b = new StringBuilder("map[string]string{");
        boolean first = true;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            b.append(first ? "" : ", ").append(quote(e.getKey())).append(':').append(quote(e.getValue()));
            first = false;
        }
        return new Raw(b.append('}').toString());
    }

    /** Go's %#v of a v1.LabelSelector, as the "field is immutable" error on a Deployment selector prints it. */
    public static Raw labelSelector(JsonNode selector) {
        if (selector == null || !selector.isObject()) {
            return new Raw("(*v1.LabelSelector)(nil)");
        }
        StringBuilder b = new StringBuilder("v1.LabelSelector{MatchLabels:").append(stringMap(selector.get("matchLabels")))
                .append(", MatchExpressions:");
        JsonNode exprs = selector.path("matchExpressions");
        if (!exprs.isArray() || exprs.isEmpty()) {
            b.append("[]v1.LabelSelectorRequirement(nil)");
        } else {
            b.append("[]v1.LabelSelectorRequirement{");
            for (int i = 0; i < exprs.size(); i++) {
                JsonNode e = exprs.get(i);
                b.append(i == 0 ? "" : ", ").append("v1.LabelSelectorRequirement{Key:").append(quote(e.path("key").asText()))
                        .append(", Operator:").append(quote(e.path("operator").asText())).append(", Values:[]string{");
                JsonNode values = e.path("values");
                for (int j = 0; j < values.size(); j++) {
                    b.append(j == 0 ? "" : ", ").append(quote(values.get(j).asText()));
                }
                b.append("}}");
            }
            b.append('}');
        }
        return new Raw(b.append('}').toString());
    }

    /** Go's %#v of an intstr.IntOrString, as Deployment strategy errors print it. */
    public static Raw intOrString(JsonNode v) {
        if (v != null && v.isTextual()) {
            return new Raw("intstr.IntOrString{Type:1, IntVal:0, StrVal:" + quote(v.asText()) + "}");
        }
        int n = v == null || v.isNull() ? 0 : v.asInt();
        return new Raw("intstr.IntOrString{Type:0, IntVal:" + n + ", StrVal:\"\"}");
    }

    /** Go's strconv.Quote for the printable range; escapes quotes, backslashes and control characters. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Equality where absent and null are the same. */
    public static boolean same(JsonNode a, JsonNode b) {
        boolean aEmpty = a == null || a.isMissingNode() || a.isNull();
        boolean bEmpty = b == null || b.isMissingNode() || b.isNull();
        if (aEmpty || bEmpty) {
            return aEmpty == bEmpty;
        }
        return a.equals(b);
    }
}
