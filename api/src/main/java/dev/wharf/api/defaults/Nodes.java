package dev.wharf.api.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small helpers for filling in Jackson trees. */
final class Nodes {
    private Nodes() {
    }

    /** The object at {@code field}, created (or replacing a null) when absent. */
    static ObjectNode object(ObjectNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n instanceof ObjectNode o) {
            return o;
        }
        return parent.putObject(field);
    }

    static boolean absent(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        return n == null || n.isNull() || (n.isTextual() && n.asText().isEmpty());
    }

    static void setIfAbsent(ObjectNode parent, String field, String value) {
        if (absent(parent, field)) {
            parent.put(field, value);
        }
    }

    /** Integers are stored as int nodes, as a parser would read them, so trees compare equal. */
    static void setIfAbsent(ObjectNode parent, String field, int value) {
        if (absent(parent, field)) {
            parent.put(field, value);
        }
    }

    static void setIfAbsent(ObjectNode parent, String field, boolean value) {
        if (absent(parent, field)) {
            parent.put(field, value);
        }
    }

    /** Each object element of the array at {@code field} (none when absent). */
    static Iterable<ObjectNode> objects(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        java.util.List<ObjectNode> out = new java.util.ArrayList<>();
        if (n instanceof ArrayNode a) {
            for (JsonNode e : a) {
                if (e instanceof ObjectNode o) {
                    out.add(o);
                }
            }
        }
        return out;
    }
}
