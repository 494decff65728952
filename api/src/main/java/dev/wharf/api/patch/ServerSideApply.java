package dev.wharf.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.schema.FieldType;
import dev.wharf.api.schema.Property;
import dev.wharf.api.schema.TypeModel;
import dev.wharf.common.Json;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Server-side apply and field ownership ({@code metadata.managedFields}, fieldsV1 format), as Kubernetes does it.
 */
public final class ServerSideApply {
    private ServerSideApply() {
    }

    /** A field another manager owns whose value the apply would change. */
    private record Conflict(ManagedFields.Entry owner, List<String> path) {
    }

    /**
     * Applies {@code applied} (the user's configuration) for {@code manager} onto {@code live} (null when the object
     * does not exist yet) and returns the new object with updated managedFields. Fields owned by other managers
     * whose values would change are conflicts: 409 Conflict (ApiException, causes naming each field and owner)
     * unless {@code force}, which takes ownership. Fields this manager applied before and now omits are removed
     * when no other manager owns them.
     */
    public static ObjectNode apply(ResourceType type, ObjectNode live, ObjectNode applied, String manager, boolean force,
            Instant now) {
        if (applied == null) {
            throw ApiException.badRequest("the apply configuration is empty");
        }
        String who = manager == null || manager.isEmpty() ? "unknown" : manager;
        TypeModel model = TypeModel.shared();
        FieldType root = Patches.rootType(model, type);
        FieldPaths paths = new FieldPaths(model);
        ObjectNode config = applied.deepCopy();
        if (config.get("metadata") instanceof ObjectNode meta) {
            meta.remove("managedFields");
        }
        if (type != null && type.hasStatus()) {
            config.remove("status");
        }
        ObjectNode base = live == null ? Json.object() : live.deepCopy();
        ManagedFields managed = ManagedFields.read(live);
        if (live != null && managed.entries().isEmpty()) {
            // as upstream: fields of an object nobody tracked yet belong to a pseudo-manager
            FieldSet existing = paths.of(live, root);
            scope(existing, type, "");
            managed.upsert("before-first-apply", "Update", "", live.path("apiVersion").asText(type == null ? "" : type.apiVersion()),
                    now).fields = existing;
        }
        FieldSet newSet = paths.of(config, root);

        ObjectNode merged = base.deepCopy();
        new ApplyMerge(model, paths).mergeObject(merged, config, root);

        List<Conflict> conflicts = new ArrayList<>();
        for (List<String> p : newSet.members()) {
            if (!newSet.isLeaf(p) || ManagedFields.same(FieldPaths.valueAt(base, p), FieldPaths.valueAt(merged, p))) {
                continue;
            }
            for (ManagedFields.Entry e : managed.entries()) {
                if (!e.is(who, "Apply", "") && e.fields.contains(p)) {
                    conflicts.add(new Conflict(e, p));
                }
            }
        }
        if (!conflicts.isEmpty() && !force) {
            throw conflictError(conflicts);
        }
        conflicts.forEach(c -> c.owner().fields.remove(c.path()));

        ManagedFields.Entry previous = managed.find(who, "Apply", "");
        if (previous != null) {
            for (List<String> p : previous.fields.members()) {
                if (newSet.contains(p) || ownedByOther(managed, who, p)) {
                    continue;
                }
                FieldPaths.delete(merged, p);
                pruneEmptyParents(merged, p, newSet, managed, who);
            }
        }
        String apiVersion = config.path("apiVersion").asText(type == null ? "" : type.apiVersion());
        managed.upsert(who, "Apply", "", apiVersion, now).fields = newSet;
        managed.write(merged);
        return merged;
    }

    /**
     * Records that a non-apply write (create, update, patch) by {@code manager} changed {@code before} into
     * {@code after}: the fields it set become owned by {@code manager} with {@code operation} "Update" and are
     * taken away from other managers. Mutates {@code after}'s managedFields. {@code before} is null on create.
     */
    public static void recordUpdate(ResourceType type, ObjectNode before, ObjectNode after, String manager,
            String subresource, Instant now) {
        String who = manager == null || manager.isEmpty() ? "unknown" : manager;
        String sub = subresource == null ? "" : subresource;
        TypeModel model = TypeModel.shared();
        FieldType root = Patches.rootType(model, type);
        FieldPaths paths = new FieldPaths(model);
        ManagedFields managed = ManagedFields.read(after.path("metadata").has("managedFields") ? after : before);
        FieldSet beforeSet = paths.of(before, root);
        FieldSet afterSet = paths.of(after, root);
        scope(beforeSet, type, sub);
        scope(afterSet, type, sub);

        FieldSet changed = new FieldSet();
        for (List<String> p : afterSet.members()) {
            JsonNode was = before == null ? null : FieldPaths.valueAt(before, p);
            boolean container = !afterSet.isLeaf(p);
            if (container ? was == null : !ManagedFields.same(was, FieldPaths.valueAt(after, p))) {
                changed.insert(p);
            }
        }
        List<List<String>> removed = new ArrayList<>();
        for (List<String> p : beforeSet.members()) {
            if (!afterSet.contains(p)) {
                removed.add(p);
            }
        }
        List<List<String>> changedPaths = changed.members();
        for (ManagedFields.Entry e : managed.entries()) {
            changedPaths.forEach(e.fields::remove);
            removed.forEach(e.fields::remove);
        }
        if (!changedPaths.isEmpty()) {
            String apiVersion = after.path("apiVersion").asText(type == null ? "" : type.apiVersion());
            ManagedFields.Entry mine = managed.upsert(who, "Update", sub, apiVersion, now);
            changedPaths.forEach(mine.fields::insert);
        }
        managed.write(after);
    }

    private static void scope(FieldSet set, ResourceType type, String subresource) {
        if (subresource.equals("status")) {
            set.restrict("f:status", true);
        } else if (subresource.isEmpty() && type != null && type.hasStatus()) {
            set.restrict("f:status", false);
        }
    }

    /** Removes containers a removal left empty, unless the new configuration or another manager still names them. */
    private static void pruneEmptyParents(ObjectNode object, List<String> path, FieldSet newSet, ManagedFields managed,
            String manager) {
        for (int n = path.size() - 1; n > 0; n--) {
            List<String> parent = path.subList(0, n);
            JsonNode v = FieldPaths.valueAt(object, parent);
            if (v == null || !v.isContainerNode() || !v.isEmpty() || newSet.contains(parent)
                    || ownedByOther(managed, manager, parent)) {
                return;
            }
            FieldPaths.delete(object, parent);
        }
    }

    private static boolean ownedByOther(ManagedFields managed, String manager, List<String> path) {
        for (ManagedFields.Entry e : managed.entries()) {
            if (!e.is(manager, "Apply", "") && e.fields.contains(path)) {
                return true;
            }
        }
        return false;
    }

    private static ApiException conflictError(List<Conflict> conflicts) {
        List<StatusCause> causes = new ArrayList<>();
        for (Conflict c : conflicts) {
            causes.add(new StatusCauseBuilder().withReason("FieldManagerConflict")
                    .withMessage("conflict with " + c.owner().describe()).withField(FieldSet.format(c.path())).build());
        }
        String message;
        if (conflicts.size() == 1) {
            Conflict c = conflicts.get(0);
            message = "Apply failed with 1 conflict: conflict with " + c.owner().describe() + ": " + FieldSet.format(c.path());
        } else {
            Map<String, List<String>> byManager = new LinkedHashMap<>();
            conflicts.stream().sorted((a, b) -> a.owner().describe().compareTo(b.owner().describe())).forEach(c ->
                    byManager.computeIfAbsent(c.owner().describe(), k -> new ArrayList<>()).add(FieldSet.format(c.path())));
            List<String> lines = new ArrayList<>();
            byManager.forEach((m, ps) -> {
                lines.add("conflicts with " + m + ":");
                ps.forEach(p -> lines.add("- " + p));
            });
            message = "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
        }
        return new ApiException(new StatusBuilder().withApiVersion("v1").withKind("Status").withNewMetadata().endMetadata()
                .withStatus("Failure").withCode(409).withReason("Conflict").withMessage(message)
                .withDetails(new StatusDetailsBuilder().withCauses(causes).build()).build());
    }

    /** Merges an apply configuration into the live object: structs and maps recursively, associative lists by key. */
    private record ApplyMerge(TypeModel model, FieldPaths paths) {
        void mergeObject(ObjectNode live, ObjectNode config, FieldType type) {
            config.fields().forEachRemaining(e -> {
                String k = e.getKey();
                JsonNode cv = e.getValue();
                if (cv.isNull()) {
                    live.remove(k);
                    return;
                }
                FieldType ct = SchemaPath.child(model, type, k);
                Property p = SchemaPath.property(model, type, k);
                JsonNode lv = live.get(k);
                if (lv instanceof ObjectNode lo && cv.isObject() && !paths.atomicStruct(ct)) {
                    mergeObject(lo, (ObjectNode) cv, ct);
                } else if (lv instanceof ArrayNode la && cv.isArray() && p != null && "map".equals(p.listType())
                        && p.mergeKey() != null) {
                    mergeAssociative(la, (ArrayNode) cv, p.mergeKey(), SchemaPath.items(ct));
                } else if (lv instanceof ArrayNode la && cv.isArray() && p != null && "set".equals(p.listType())) {
                    mergeSet(la, (ArrayNode) cv);
                } else {
                    live.set(k, cv.deepCopy());
                }
            });
        }

        /**
         * Merges keyed lists the way structured-merge-diff does: elements only in the live list keep their place,
         * elements of the configuration appear in the configuration's order, shared elements are merged.
         */
        private void mergeAssociative(ArrayNode live, ArrayNode config, String key, FieldType items) {
            for (JsonNode el : config) {
                if (!el.isObject()) {
                    throw ApiException.badRequest("expected an object in a list keyed by " + key + ", got " + el);
                }
                if (!el.has(key)) {
                    throw ApiException.badRequest("associative list with keys has an element that omits key field \""
                            + key + "\"");
                }
            }
            mergeOrdered(live, config, el -> el.get(key), (l, c) -> {
                mergeObject((ObjectNode) l, (ObjectNode) c, items);
                return l;
            });
        }

        private static void mergeSet(ArrayNode live, ArrayNode config) {
            mergeOrdered(live, config, el -> el, (l, c) -> l);
        }

        private static void mergeOrdered(ArrayNode live, ArrayNode config, java.util.function.Function<JsonNode, JsonNode> keyOf,
                java.util.function.BinaryOperator<JsonNode> merge) {
            List<JsonNode> lhs = new ArrayList<>();
            live.forEach(lhs::add);
            List<JsonNode> rhs = new ArrayList<>();
            config.forEach(rhs::add);
            List<JsonNode> rhsKeys = rhs.stream().map(keyOf).toList();
            List<JsonNode> lhsKeys = lhs.stream().map(keyOf).toList();
            java.util.Set<JsonNode> merged = new java.util.HashSet<>();
            ArrayNode out = Json.MAPPER.createArrayNode();
            int l = 0;
            int r = 0;
            while (l < lhs.size() || r < rhs.size()) {
                if (l < lhs.size() && r < rhs.size() && lhsKeys.get(l).equals(rhsKeys.get(r))) {
                    out.add(merge.apply(lhs.get(l), rhs.get(r)));
                    merged.add(rhsKeys.get(r));
                    l++;
                    r++;
                    continue;
                }
                if (l < lhs.size()) {
                    int inRhs = rhsKeys.indexOf(lhsKeys.get(l));
                    if (inRhs < 0) {
                        out.add(lhs.get(l++));
                        continue;
                    }
                    if (merged.contains(lhsKeys.get(l))) {
                        l++;
                        continue;
                    }
                    if (r >= rhs.size()) {
                        l++;
                        continue;
                    }
                }
                JsonNode rk = rhsKeys.get(r);
                int inLhs = lhsKeys.indexOf(rk);
                out.add(inLhs >= 0 ? merge.apply(lhs.get(inLhs), rhs.get(r)) : rhs.get(r).deepCopy());
                merged.add(rk);
                r++;
            }
            live.removeAll();
            live.addAll(out);
        }
    }
}
