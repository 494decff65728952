package dev.wharf.api.selector;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.api.resource.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The fields each kind lets a field selector use (Kubernetes' *ToSelectableFields), and how to read them. */
final class SelectableFields {
    private static final Set<String> COMMON = Set.of("metadata.name", "metadata.namespace");
    private static final Map<String, Set<String>> BY_KIND = Map.of(
            "Pod", Set.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                    "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"),
            "Event", Set.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                    "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
                    "reportingComponent", "source", "type"),
            "Secret", Set.of("type"),
            "Node", Set.of("spec.unschedulable"),
            "Namespace", Set.of("status.phase"),
            "ReplicaSet", Set.of("status.replicas"));

    private SelectableFields() {
    }

    static boolean supports(ResourceType type, String field) {
        return COMMON.contains(field) || BY_KIND.getOrDefault(type.kind(), Set.of()).contains(field);
    }

    /** The field's value as the selector compares it: text, "true"/"false", numbers in decimal, "" when absent. */
    static String value(JsonNode object, String field) {
        switch (field) {
            case "source" -> {
                String component = object.path("source").path("component").asText("");
                return component.isEmpty() ? object.path("reportingComponent").asText("") : component;
            }
            case "reportingComponent" -> {
                return object.path("reportingComponent").asText("");
            }
            case "spec.unschedulable", "spec.hostNetwork" -> {
                return String.valueOf(object.path("spec").path(field.substring(5)).asBoolean(false));
            }
            case "status.replicas" -> {
                return String.valueOf(object.path("status").path("replicas").asLong(0));
            }
            default -> {
                JsonNode node = object;
                for (String part : field.split("\\.")) {
                    node = node.path(part);
                }
                return node.isValueNode() ? node.asText() : "";
            }
        }
    }

    /** Splits on commas not escaped with a backslash. */
    static List<String> splitTerms(String selector) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '\\' && i + 1 < selector.length()) {
                cur.append(c).append(selector.charAt(++i));
            } else if (c == ',') {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts;
    }

    static int indexOfUnescaped(String s, String op) {
        for (int i = 0; i + op.length() <= s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
                continue;
            }
            if (s.startsWith(op, i)) {
                return i;
            }
        }
        return -1;
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                b.append(s.charAt(++i));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
