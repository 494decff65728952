package dev.wharf.controller.runtime.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;

/** RFC 6902 JSON patch (add, remove, replace, test; copy/move too), enough for the fake client. */
final class JsonPatch {
    private JsonPatch() {
    }

    static ObjectNode apply(ObjectNode target, JsonNode patch) {
        if (!patch.isArray()) {
            throw ApiException.badRequest("a JSON patch must be an array of operations");
        }
        for (JsonNode op : patch) {
            String path = op.path("path").asText();
            switch (op.path("op").asText()) {
                case "add" -> add(target, path, op.get("value").deepCopy());
                case "remove" -> remove(target, path);
                case "replace" -> {
                    remove(target, path);
                    add(target, path, op.get("value").deepCopy());
                }
                case "test" -> {
                    if (!op.get("value").equals(target.at(path))) {
                        throw ApiException.of(422, "Invalid", "the test operation failed at " + path);
                    }
                }
                case "copy" -> add(target, path, target.at(op.path("from").asText()).deepCopy());
                case "move" -> {
                    JsonNode value = target.at(op.path("from").asText()).deepCopy();
                    remove(target, op.path("from").asText());
                    add(target, path, value);
                }
                default -> throw ApiException.badRequest("unknown JSON patch operation " + op.path("op"));
            }
        }
        return target;
    }

    private static void add(ObjectNode root, String path, JsonNode value) {
        JsonNode parent = parent(root, path);
        String last = unescape(path.substring(path.lastIndexOf('/') + 1));
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            if (last.equals("-")) {
                a.add(value);
            } else {
                a.insert(Integer.parseInt(last), value);
            }
        } else {
            throw ApiException.badRequest("no parent for JSON patch path " + path);
        }
    }

    private static void remove(ObjectNode root, String path) {
        JsonNode parent = parent(root, path);
        String last = unescape(path.substring(path.lastIndexOf('/') + 1));
        if (parent instanceof ObjectNode o && o.has(last)) {
            o.remove(last);
        } else if (parent instanceof ArrayNode a && !last.equals("-") && Integer.parseInt(last) < a.size()) {
            a.remove(Integer.parseInt(last));
        } else {
            throw ApiException.of(422, "Invalid", "the JSON patch path " + path + " does not exist");
        }
    }

    private static JsonNode parent(ObjectNode root, String path) {
        if (!path.startsWith("/")) {
            throw ApiException.badRequest("invalid JSON patch path " + path);
        }
        String parentPath = path.substring(0, path.lastIndexOf('/'));
        return parentPath.isEmpty() ? root : root.at(parentPath);
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
