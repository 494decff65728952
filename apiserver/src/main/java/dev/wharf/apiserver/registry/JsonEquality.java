package dev.wharf.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/** Equality of JSON trees where 1, 1L and 1.0 are the same number (trees from parsing and from code differ in node types). */
public final class JsonEquality {
    private static final Comparator<JsonNode> NUMBERS = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;
        }
        return 1;
    };

    private JsonEquality() {
    }

    /**
     * Equal as stored objects: the times in managedFields do not count, so that re-applying the same configuration
     * (server-side apply stamps the time of each manager's write) writes nothing, as Kubernetes does.
     */
    public static boolean sameObject(JsonNode a, JsonNode b) {
        if (equal(a, b)) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        return equal(withoutManagedFieldTimes(a), withoutManagedFieldTimes(b));
    }

    private static JsonNode withoutManagedFieldTimes(JsonNode object) {
        JsonNode copy = object.deepCopy();
        JsonNode managed = copy.path("metadata").path("managedFields");
        for (JsonNode entry : managed) {
            if (entry instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                o.remove("time");
            }
        }
        return copy;
    }

    public static boolean equal(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals(NUMBERS, b);
    }
}
