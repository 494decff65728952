package dev.wharf.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.schema.FieldType;
import dev.wharf.api.schema.Property;
import dev.wharf.api.schema.TypeModel;
import dev.wharf.common.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strategic merge patch as k8s.io/apimachinery's strategicpatch applies it: maps merge recursively with null
 * deleting, lists with a merge key merge element-wise by that key, primitive lists with strategy merge are unions,
 * other lists are replaced; the directives {@code $patch}, {@code $retainKeys}, {@code $setElementOrder/} and
 * {@code $deleteFromPrimitiveList/} are honoured. Where the schema is unknown it degrades to merge-patch semantics.
 */
final class StrategicMerge {
    private static final String PATCH = "$patch";
    private static final String RETAIN = "$retainKeys";
    private static final String ORDER = "$setElementOrder/";
    private static final String DELETE_PRIMITIVE = "$deleteFromPrimitiveList/";

    private final TypeModel model;

    StrategicMerge(TypeModel model) {
        this.model = model;
    }

    ObjectNode apply(ObjectNode target, JsonNode patch, FieldType rootType) {
        if (patch == null || !patch.isObject()) {
            throw PatchErrors.malformed("json: cannot unmarshal " + (patch == null ? "nothing" : patch.getNodeType().name().toLowerCase())
                    + " into Go value of type map[string]interface {}");
        }
        ObjectNode result = mergeMap(target.deepCopy(), (ObjectNode) patch, rootType);
        return result == null ? Json.object() : result;
    }

    /** Merges {@code patch} into {@code original} (mutated); null means the map was deleted by {@code $patch: delete}. */
    ObjectNode mergeMap(ObjectNode original, ObjectNode patch, FieldType type) {
        JsonNode directive = patch.get(PATCH);
        if (directive != null) {
            String d = directive.asText();
            if (d.equals("delete")) {
                return null;
            }
            if (d.equals("replace")) {
                ObjectNode rest = patch.deepCopy();
                rest.remove(PATCH);
                return mergeMap(Json.object(), rest, type);
            }
            if (!d.equals("merge")) {
                throw PatchErrors.malformed("Unknown patch type: " + d);
            }
        }
        JsonNode retain = patch.get(RETAIN);
        if (retain != null) {
            if (!retain.isArray()) {
                throw PatchErrors.malformed("$retainKeys must be a list of field names, got " + retain);
            }
            Set<String> keep = new HashSet<>();
            retain.forEach(k -> keep.add(k.asText()));
            original.properties().removeIf(e -> !keep.contains(e.getKey()));
        }
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (e.getKey().startsWith(DELETE_PRIMITIVE)) {
                deleteFromPrimitiveList(original, e.getKey().substring(DELETE_PRIMITIVE.length()), e.getValue());
            }
        }
        fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String key = e.getKey();
            if (key.startsWith("$")) {
                continue;
            }
            JsonNode pv = e.getValue();
            if (pv.isNull()) {
                original.remove(key);
                continue;
            }
            FieldType childType = SchemaPath.child(model, type, key);
            Property prop = SchemaPath.property(model, type, key);
            JsonNode ov = original.get(key);
            JsonNode merged;
            if (ov != null && ov.isObject() && pv.isObject()) {
                merged = mergeMap((ObjectNode) ov, (ObjectNode) pv, childType);
            } else if (ov != null && ov.isArray() && pv.isArray()) {
                merged = mergeList((ArrayNode) ov, (ArrayNode) pv, prop, childType);
            } else {
                merged = fresh(pv, prop, childType);
            }
            if (merged == null) {
                original.remove(key);
            } else {
                original.set(key, merged);
            }
        }
        fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (e.getKey().startsWith(ORDER)) {
                String field = e.getKey().substring(ORDER.length());
                Property prop = SchemaPath.property(model, type, field);
                JsonNode list = original.get(field);
                if (list != null && list.isArray() && e.getValue().isArray()) {
                    original.set(field, reorder((ArrayNode) list, (ArrayNode) e.getValue(), prop == null ? null : prop.mergeKey()));
                }
            }
        }
        return original;
    }

    /** A patch value with no original to merge into: directives are resolved against an empty container. */
    private JsonNode fresh(JsonNode pv, Property prop, FieldType type) {
        if (pv.isObject()) {
            return mergeMap(Json.object(), (ObjectNode) pv, type);
        }
        if (pv.isArray()) {
            return mergeList(Json.MAPPER.createArrayNode(), (ArrayNode) pv, prop, type);
        }
        return pv.deepCopy();
    }

    private ArrayNode mergeList(ArrayNode original, ArrayNode patch, Property prop, FieldType type) {
        FieldType itemType = SchemaPath.items(type);
        boolean replace = false;
        List<JsonNode> elements = new ArrayList<>();
        for (JsonNode pe : patch) {
            if (pe.isObject() && pe.size() == 1 && pe.has(PATCH)) {
                String d = pe.get(PATCH).asText();
                if (!d.equals("replace")) {
                    throw PatchErrors.malformed("Unknown patch type: " + d + " in a list");
                }
                replace = true;
            } else {
                elements.add(pe);
            }
        }
        if (prop == null || !prop.mergeStrategy() || replace) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            for (JsonNode pe : elements) {
                JsonNode v = pe.isObject() ? mergeMap(Json.object(), (ObjectNode) pe, itemType) : pe.deepCopy();
                if (v != null) {
                    out.add(v);
                }
            }
            return out;
        }
        ArrayNode out = original.deepCopy();
        String key = prop.mergeKey();
        if (key == null) {
            for (JsonNode pe : elements) {
                if (!contains(out, pe)) {
                    out.add(pe.deepCopy());
                }
            }
            return out;
        }
        for (JsonNode pe : elements) {
            if (!pe.isObject()) {
                throw PatchErrors.malformed("unable to find api field in struct for the list item " + pe + ": not an object");
            }
            JsonNode kv = pe.get(key);
            if (kv == null) {
                throw PatchErrors.malformed("map: " + pe + " does not contain declared merge key: " + key);
            }
            int at = indexOf(out, key, kv);
            String d = pe.has(PATCH) ? pe.get(PATCH).asText() : "merge";
            if (d.equals("delete")) {
                while (at >= 0) {
                    out.remove(at);
                    at = indexOf(out, key, kv);
                }
                continue;
            }
            if (at >= 0 && !d.equals("replace")) {
                ObjectNode merged = mergeMap((ObjectNode) out.get(at), (ObjectNode) pe, itemType);
                if (merged == null) {
                    out.remove(at);
                } else {
                    out.set(at, merged);
                }
            } else {
                ObjectNode copy = pe.deepCopy();
                copy.remove(PATCH);
                ObjectNode created = mergeMap(Json.object(), copy, itemType);
                if (at >= 0) {
                    out.set(at, created);
                } else {
                    out.add(created);
                }
            }
        }
        return out;
    }

    private static void deleteFromPrimitiveList(ObjectNode original, String field, JsonNode values) {
        JsonNode list = original.get(field);
        if (list == null || !list.isArray()) {
            return;
        }
        if (!values.isArray()) {
            throw PatchErrors.malformed("$deleteFromPrimitiveList/" + field + " must be a list, got " + values);
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode v : list) {
            if (!contains((ArrayNode) values, v)) {
                out.add(v);
            }
        }
        original.set(field, out);
    }

    /** Elements named in {@code order} come first in that order; the others follow in their existing order. */
    private static ArrayNode reorder(ArrayNode list, ArrayNode order, String mergeKey) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        Set<Integer> used = new HashSet<>();
        for (JsonNode o : order) {
            JsonNode want = mergeKey == null ? o : o.get(mergeKey);
            for (int i = 0; i < list.size(); i++) {
                JsonNode el = list.get(i);
                JsonNode have = mergeKey == null ? el : el.get(mergeKey);
                if (!used.contains(i) && have != null && have.equals(want)) {
                    out.add(el);
                    used.add(i);
                    break;
                }
            }
        }
        for (int i = 0; i < list.size(); i++) {
            if (!used.contains(i)) {
                out.add(list.get(i));
            }
        }
        return out;
    }

    private static int indexOf(ArrayNode list, String key, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode el = list.get(i);
            if (el.isObject() && value.equals(el.get(key))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(ArrayNode list, JsonNode v) {
        for (JsonNode el : list) {
            if (el.equals(v)) {
                return true;
            }
        }
        return false;
    }
}
