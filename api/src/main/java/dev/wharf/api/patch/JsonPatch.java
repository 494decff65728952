package dev.wharf.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** RFC 6902 JSON Patch with RFC 6901 pointers: add, remove, replace, move, copy, test. */
final class JsonPatch {
    private JsonPatch() {
    }

    static ObjectNode apply(ObjectNode target, JsonNode patch) {
        if (patch == null || !patch.isArray()) {
            throw PatchErrors.malformed("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }
        JsonNode doc = target.deepCopy();
        for (JsonNode op : patch) {
            if (!op.isObject()) {
                throw PatchErrors.malformed("json: cannot unmarshal " + op.getNodeType().name().toLowerCase() + " into Go value of type jsonpatch.Operation");
            }
            String kind = text(op, "op");
            List<String> path = pointer(text(op, "path"));
            doc = switch (kind) {
                case "add" -> add(doc, path, value(op));
                case "remove" -> remove(doc, path);
                case "replace" -> replace(doc, path, value(op));
                case "move" -> {
                    List<String> from = pointer(text(op, "from"));
                    JsonNode v = get(doc, from, "move");
                    yield add(remove(doc, from), path, v);
                }
                case "copy" -> add(doc, path, get(doc, pointer(text(op, "from")), "copy").deepCopy());
                case "test" -> {
                    JsonNode actual = get(doc, path, "test");
                    if (!actual.equals(value(op))) {
                        throw PatchErrors.notApplicable("testing value " + text(op, "path") + " failed: test failed");
                    }
                    yield doc;
                }
                default -> throw PatchErrors.malformed("Unexpected kind: " + kind);
            };
        }
        if (!doc.isObject()) {
            throw PatchErrors.notApplicable("the patched document is not an object");
        }
        return (ObjectNode) doc;
    }

    private static String text(JsonNode op, String field) {
        JsonNode v = op.get(field);
        if (v == null || !v.isTextual()) {
            throw PatchErrors.malformed("json patch operation " + op + " lacks a string \"" + field + "\"");
        }
        return v.asText();
    }

    private static JsonNode value(JsonNode op) {
        if (!op.has("value")) {
            throw PatchErrors.malformed("json patch operation " + op + " lacks \"value\"");
        }
        return op.get("value").deepCopy();
    }

    static List<String> pointer(String p) {
        List<String> parts = new ArrayList<>();
        if (p.isEmpty()) {
            return parts;
        }
        if (!p.startsWith("/")) {
            throw PatchErrors.malformed("JSON pointer must be empty or start with a \"/\": " + p);
        }
        for (String s : p.substring(1).split("/", -1)) {
            parts.add(s.replace("~1", "/").replace("~0", "~"));
        }
        return parts;
    }

    private static JsonNode parent(JsonNode doc, List<String> path, String op) {
        return get(doc, path.subList(0, path.size() - 1), op);
    }

    private static JsonNode get(JsonNode doc, List<String> path, String op) {
        JsonNode cur = doc;
        for (String p : path) {
            JsonNode next = null;
            if (cur.isObject()) {
                next = cur.get(p);
            } else if (cur.isArray()) {
                int i = index(p, cur.size() - 1, op);
                next = cur.get(i);
            }
            if (next == null) {
                throw PatchErrors.notApplicable(op + " operation does not apply: doc is missing path: /" + String.join("/", path));
            }
            cur = next;
        }
        return cur;
    }

    private static int index(String p, int max, String op) {
        if (!p.matches("0|[1-9][0-9]{0,8}")) {
            throw PatchErrors.notApplicable(op + " operation does not apply: invalid array index: " + p);
        }
        int i = Integer.parseInt(p);
        if (i > max) {
            throw PatchErrors.notApplicable(op + " operation does not apply: index out of bounds: " + p);
        }
        return i;
    }

    private static JsonNode add(JsonNode doc, List<String> path, JsonNode value) {
        if (path.isEmpty()) {
            return value;
        }
        JsonNode parent = parent(doc, path, "add");
        String last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            if (last.equals("-")) {
                a.add(value);
            } else {
                a.insert(index(last, a.size(), "add"), value);
            }
        } else {
            throw PatchErrors.notApplicable("add operation does not apply: doc is missing path: /" + String.join("/", path));
        }
        return doc;
    }

    private static JsonNode remove(JsonNode doc, List<String> path) {
        if (path.isEmpty()) {
            throw PatchErrors.notApplicable("remove operation does not apply: cannot remove the root");
        }
        JsonNode parent = parent(doc, path, "remove");
        String last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode o && o.has(last)) {
            o.remove(last);
        } else if (parent instanceof ArrayNode a) {
            a.remove(index(last, a.size() - 1, "remove"));
        } else {
            throw PatchErrors.notApplicable("remove operation does not apply: doc is missing path: /" + String.join("/", path));
        }
        return doc;
    }

    private static JsonNode replace(JsonNode doc, List<String> path, JsonNode value) {
        if (path.isEmpty()) {
            return value;
        }
        JsonNode parent = parent(doc, path, "replace");
        String last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode o && o.has(last)) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            a.set(index(last, a.size() - 1, "replace"), value);
        } else {
            throw PatchErrors.notApplicable("replace operation does not apply: doc is missing key: /" + String.join("/", path));
        }
        return doc;
    }
}
