package dev.wharf.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.api.selector.LabelSelector;
import dev.wharf.common.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Prints one kind: its column definitions and, per object, the cells (strings and integers) in that order. */
interface Printer {
    List<Column> columns();

    List<Object> cells(JsonNode object, Instant now);

    /** Row conditions (pods mark Completed rows); usually none. */
    default List<Map<String, String>> conditions(JsonNode object) {
        return List.of();
    }

    static String name(JsonNode o) {
        return o.path("metadata").path("name").asText("");
    }

    static String age(JsonNode o, Instant now) {
        return Ages.since(o.path("metadata").get("creationTimestamp"), now);
    }

    static String orNone(String s) {
        return s == null || s.isEmpty() ? "<none>" : s;
    }

    /** labels.FormatLabels: "k=v,k2=v2" sorted by key, "<none>" when empty. */
    static String formatLabels(JsonNode map) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            sorted.put(e.getKey(), e.getValue().asText());
        }
        List<String> parts = new ArrayList<>();
        sorted.forEach((k, v) -> parts.add(k + "=" + v));
        return parts.isEmpty() ? "<none>" : String.join(",", parts);
    }

    /** metav1.LabelSelectorAsSelector(...).String(): "<none>" for a nil selector, "" for an empty one. */
    static String formatSelector(JsonNode selector) {
        if (selector == null || selector.isNull() || selector.isMissingNode()) {
            return "<none>";
        }
        try {
            return LabelSelector.of(Json.convert(selector, io.fabric8.kubernetes.api.model.LabelSelector.class)).toString();
        } catch (RuntimeException e) {
            return "<error>";
        }
    }

    static String join(JsonNode array, String field) {
        List<String> parts = new ArrayList<>();
        for (JsonNode e : array) {
            parts.add(e.path(field).asText(""));
        }
        return String.join(",", parts);
    }
}
