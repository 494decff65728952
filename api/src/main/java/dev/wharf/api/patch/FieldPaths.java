package dev.wharf.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.schema.FieldType;
import dev.wharf.api.schema.Property;
import dev.wharf.api.schema.TypeModel;
import dev.wharf.common.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns objects into {@link FieldSet}s with the type model (as structured-merge-diff's ToFieldSet does: scalars,
 * atomic values, map entries and list elements are members; struct fields are members only when empty), and
 * resolves a path back to the value it names.
 */
final class FieldPaths {
    /** Fields that are never owned: identity and bookkeeping. */
    private static final Set<String> IGNORED_META = Set.of("name", "namespace", "uid", "resourceVersion", "generation",
            "creationTimestamp", "selfLink", "managedFields", "deletionTimestamp", "deletionGracePeriodSeconds");
    /** Structs marked {@code +structType=atomic} upstream. */
    private static final Set<String> ATOMIC_STRUCTS = Set.of("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector");

    private final TypeModel model;

    FieldPaths(TypeModel model) {
        this.model = model;
    }

    FieldSet of(JsonNode object, FieldType rootType) {
        FieldSet set = new FieldSet();
        if (object == null || !object.isObject()) {
            return set;
        }
        ObjectNode copy = object.deepCopy();
        copy.remove("apiVersion");
        copy.remove("kind");
        if (copy.get("metadata") instanceof ObjectNode meta) {
            IGNORED_META.forEach(meta::remove);
            if (meta.isEmpty()) {
                copy.remove("metadata");
            }
        }
        walk(copy, rootType, null, new ArrayList<>(), set);
        return set;
    }

    boolean atomicStruct(FieldType t) {
        return t != null && t.kind() == FieldType.Kind.REF && ATOMIC_STRUCTS.contains(t.ref());
    }

    private void walk(JsonNode v, FieldType t, Property p, List<String> path, FieldSet set) {
        if (v.isObject()) {
            if (atomicStruct(t)) {
                set.insert(path);
                return;
            }
            boolean struct = t != null && t.kind() == FieldType.Kind.REF;
            v.fields().forEachRemaining(e -> {
                path.add("f:" + e.getKey());
                JsonNode child = e.getValue();
                walk(child, SchemaPath.child(model, t, e.getKey()), SchemaPath.property(model, t, e.getKey()), path, set);
                if (!struct || child.isNull() || (child.isObject() && child.isEmpty())) {
                    set.insert(path);
                }
                path.remove(path.size() - 1);
            });
        } else if (v.isArray()) {
            String listType = p == null ? null : p.listType();
            if ("map".equals(listType) && p.mergeKey() != null) {
                FieldType items = SchemaPath.items(t);
                for (JsonNode el : v) {
                    path.add(keyElement(el, p.mergeKey()));
                    walk(el, items, null, path, set);
                    set.insert(path);
                    path.remove(path.size() - 1);
                }
            } else if ("set".equals(listType)) {
                for (JsonNode el : v) {
                    path.add("v:" + Json.string(el));
                    set.insert(path);
                    path.remove(path.size() - 1);
                }
            } else {
                set.insert(path);
            }
        } else if (!path.isEmpty()) {
            set.insert(path);
        }
    }

    static String keyElement(JsonNode element, String key) {
        TreeMap<String, JsonNode> keys = new TreeMap<>();
        JsonNode kv = element.get(key);
        keys.put(key, kv == null ? Json.MAPPER.nullNode() : kv);
        return "k:" + Json.string(keys);
    }

    /** The value {@code path} names inside {@code root}, or null when absent. */
    static JsonNode valueAt(JsonNode root, List<String> path) {
        JsonNode cur = root;
        for (String pe : path) {
            if (cur == null) {
                return null;
            }
            String body = pe.substring(2);
            switch (pe.charAt(0)) {
                case 'f' -> cur = cur.isObject() ? cur.get(body) : null;
                case 'k' -> cur = findByKey(cur, Json.parse(body));
                case 'v' -> cur = findValue(cur, Json.parse(body));
                default -> cur = null;
            }
        }
        return cur;
    }

    /** Removes what {@code path} names from {@code root}; a no-op when absent. */
    static void delete(JsonNode root, List<String> path) {
        if (path.isEmpty()) {
            return;
        }
        JsonNode parent = valueAt(root, path.subList(0, path.size() - 1));
        String last = path.get(path.size() - 1);
        String body = last.substring(2);
        if (parent instanceof ObjectNode o && last.startsWith("f:")) {
            o.remove(body);
        } else if (parent instanceof ArrayNode a && (last.startsWith("k:") || last.startsWith("v:"))) {
            JsonNode target = last.startsWith("k:") ? findByKey(a, Json.parse(body)) : findValue(a, Json.parse(body));
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) == target) {
                    a.remove(i);
                    break;
                }
            }
        }
    }

    private static JsonNode findByKey(JsonNode list, JsonNode keys) {
        if (list == null || !list.isArray()) {
            return null;
        }
        for (JsonNode el : list) {
            boolean match = el.isObject();
            var it = keys.fields();
            while (match && it.hasNext()) {
                var k = it.next();
                match = k.getValue().equals(el.get(k.getKey()));
            }
            if (match) {
                return el;
            }
        }
        return null;
    }

    private static JsonNode findValue(JsonNode list, JsonNode value) {
        if (list == null || !list.isArray()) {
            return null;
        }
        for (JsonNode el : list) {
            if (el.equals(value)) {
                return el;
            }
        }
        return null;
    }
}
