package dev.wharf.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers over an object's JSON tree. */
public final class Meta {
    private Meta() {
    }

    /** The object's metadata, created when missing. */
    public static ObjectNode of(ObjectNode object) {
        JsonNode meta = object.get("metadata");
        if (meta instanceof ObjectNode m) {
            return m;
        }
        return object.putObject("metadata");
    }

    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    public static String name(ObjectNode object) {
        return text(object.get("metadata"), "name");
    }

    public static String namespace(ObjectNode object) {
        return text(object.get("metadata"), "namespace");
    }

    public static String uid(ObjectNode object) {
        return text(object.get("metadata"), "uid");
    }

    public static String resourceVersion(ObjectNode object) {
        return text(object.get("metadata"), "resourceVersion");
    }

    public static boolean isDeleting(ObjectNode object) {
        return !text(object.get("metadata"), "deletionTimestamp").isEmpty();
    }

    public static ArrayNode finalizers(ObjectNode object) {
        JsonNode f = of(object).get("finalizers");
        return f instanceof ArrayNode a ? a : of(object).putArray("finalizers");
    }

    public static boolean hasFinalizers(ObjectNode object) {
        JsonNode f = object.path("metadata").get("finalizers");
        return f != null && f.isArray() && !f.isEmpty();
    }

    public static boolean hasFinalizer(ObjectNode object, String finalizer) {
        for (JsonNode f : object.path("metadata").path("finalizers")) {
            if (finalizer.equals(f.asText())) {
                return true;
            }
        }
        return false;
    }

    public static Map<String, String> labels(JsonNode object) {
        Map<String, String> labels = new LinkedHashMap<>();
        object.path("metadata").path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }
}
