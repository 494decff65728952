package dev.wharf.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Finds the fields of an object that its schema does not declare, as strict field validation reports them. */
final class UnknownFields {
    private UnknownFields() {
    }

    static List<String> find(TypeModel model, Definition root, JsonNode object) {
        List<String> out = new ArrayList<>();
        walkObject(model, root, object, "", out);
        return out;
    }

    private static void walkObject(TypeModel model, Definition d, JsonNode node, String path, List<String> out) {
        if (node == null || !node.isObject() || d.scalar() != null) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = e.getKey();
            Property p = d.property(field);
            if (p == null) {
                if (!(path.isEmpty() && (field.equals("apiVersion") || field.equals("kind")))) {
                    out.add(path + "." + field);
                }
                continue;
            }
            walkValue(model, p.type(), e.getValue(), path + "." + field, out);
        }
    }

    private static void walkValue(TypeModel model, FieldType t, JsonNode value, String path, List<String> out) {
        if (value == null || value.isNull()) {
            return;
        }
        switch (t.kind()) {
            case REF -> {
                Definition d = model.definition(t.ref());
                if (d != null) {
                    walkObject(model, d, value, path, out);
                }
            }
            case ARRAY -> {
                if (value.isArray()) {
                    for (int i = 0; i < value.size(); i++) {
                        walkValue(model, t.items(), value.get(i), path + "[" + i + "]", out);
                    }
                }
            }
            case MAP -> {
                if (value.isObject()) {
                    value.fields().forEachRemaining(e -> walkValue(model, t.items(), e.getValue(), path + "." + e.getKey(), out));
                }
            }
            default -> {
            }
        }
    }
}
