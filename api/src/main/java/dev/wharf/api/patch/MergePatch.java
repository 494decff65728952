package dev.wharf.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;
import java.util.Iterator;
import java.util.Map;

/** RFC 7386 JSON Merge Patch: objects merge recursively, null deletes, everything else replaces. */
final class MergePatch {
    private MergePatch() {
    }

    static ObjectNode apply(ObjectNode target, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw PatchErrors.malformed("json: cannot unmarshal " + (patch == null ? "nothing" : patch.getNodeType().name().toLowerCase())
                    + " into Go value of type map[string]interface {}");
        }
        return merge(target.deepCopy(), (ObjectNode) patch);
    }

    static ObjectNode merge(ObjectNode target, ObjectNode patch) {
        Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                target.remove(e.getKey());
            } else if (v.isObject()) {
                JsonNode cur = target.get(e.getKey());
                ObjectNode base = cur != null && cur.isObject() ? (ObjectNode) cur : Json.object();
                target.set(e.getKey(), merge(base, (ObjectNode) v));
            } else {
                target.set(e.getKey(), v.deepCopy());
            }
        }
        return target;
    }
}
