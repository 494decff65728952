package dev.wharf.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of field paths in the FieldsV1 trie format of {@code metadata.managedFields}: path elements {@code f:name}
 * (field), {@code k:{"name":"web"}} (list element by key), {@code v:"x"} (set element); a node that is itself a
 * member and has children carries {@code "."}. Mutable; paths are lists of element strings.
 */
final class FieldSet {
    private final TreeMap<String, FieldSet> children = new TreeMap<>();
    private boolean member;

    static FieldSet fromJson(JsonNode fieldsV1) {
        FieldSet s = new FieldSet();
        if (fieldsV1 == null || !fieldsV1.isObject()) {
            return s;
        }
        Iterator<Map.Entry<String, JsonNode>> it = fieldsV1.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(".")) {
                s.member = true;
                continue;
            }
            FieldSet child = fromJson(e.getValue());
            if (e.getValue().isObject() && e.getValue().isEmpty()) {
                child.member = true;
            }
            s.children.put(e.getKey(), child);
        }
        return s;
    }

    ObjectNode toJson() {
        ObjectNode o = Json.object();
        if (member && !children.isEmpty()) {
            o.putObject(".");
        }
        children.forEach((k, v) -> o.set(k, v.toJson()));
        return o;
    }

    void insert(List<String> path) {
        FieldSet cur = this;
        for (String pe : path) {
            cur = cur.children.computeIfAbsent(pe, k -> new FieldSet());
        }
        cur.member = true;
    }

    boolean contains(List<String> path) {
        FieldSet n = node(path);
        return n != null && n.member;
    }

    /** True when {@code path} is a member and nothing below it is: a leaf of this set. */
    boolean isLeaf(List<String> path) {
        FieldSet n = node(path);
        return n != null && n.member && n.children.isEmpty();
    }

    void remove(List<String> path) {
        removeFrom(this, path, 0);
    }

    private static boolean removeFrom(FieldSet n, List<String> path, int i) {
        if (i == path.size()) {
            n.member = false;
        } else {
            FieldSet c = n.children.get(path.get(i));
            if (c != null && removeFrom(c, path, i + 1)) {
                n.children.remove(path.get(i));
            }
        }
        return !n.member && n.children.isEmpty();
    }

    /** Every member path, parents before children. */
    List<List<String>> members() {
        List<List<String>> out = new ArrayList<>();
        collect(new ArrayList<>(), out);
        return out;
    }

    private void collect(List<String> prefix, List<List<String>> out) {
        if (member) {
            out.add(List.copyOf(prefix));
        }
        children.forEach((k, v) -> {
            prefix.add(k);
            v.collect(prefix, out);
            prefix.remove(prefix.size() - 1);
        });
    }

    boolean isEmpty() {
        return !member && children.isEmpty();
    }

    /** Keeps only the paths under {@code first} (e.g. "f:status"), or drops them when {@code keep} is false. */
    void restrict(String first, boolean keep) {
        if (keep) {
            children.keySet().removeIf(k -> !k.equals(first));
            member = false;
        } else {
            children.remove(first);
        }
    }

    private FieldSet node(List<String> path) {
        FieldSet cur = this;
        for (String pe : path) {
            cur = cur.children.get(pe);
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    /** ".spec.containers[name=\"web\"].image", as Kubernetes prints a field path in conflicts. */
    static String format(List<String> path) {
        StringBuilder sb = new StringBuilder();
        for (String pe : path) {
            String body = pe.substring(2);
            switch (pe.charAt(0)) {
                case 'f' -> sb.append('.').append(body);
                case 'v' -> sb.append("[=").append(body).append(']');
                case 'i' -> sb.append('[').append(body).append(']');
                case 'k' -> {
                    JsonNode keys = Json.parse(body);
                    List<String> parts = new ArrayList<>();
                    keys.fields().forEachRemaining(e -> parts.add(e.getKey() + "=" + e.getValue()));
                    sb.append('[').append(String.join(",", parts)).append(']');
                }
                default -> sb.append(pe);
            }
        }
        return sb.toString();
    }
}
