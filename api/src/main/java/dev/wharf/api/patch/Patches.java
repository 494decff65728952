package dev.wharf.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.schema.Definition;
import dev.wharf.api.schema.FieldType;
import dev.wharf.api.schema.TypeModel;

/**
 * The three patch formats of the Kubernetes API, applied to objects as JSON trees. Each returns a new tree and
 * leaves its inputs untouched; a malformed patch or a failed JSON-patch "test" throws
 * {@link dev.wharf.api.ApiException} (400 BadRequest, or 422 Invalid for a failed test).
 */
public final class Patches {
    private Patches() {
    }

    /** RFC 6902 JSON Patch ({@code application/json-patch+json}). */
    public static ObjectNode jsonPatch(ObjectNode target, JsonNode patch) {
        return JsonPatch.apply(target, patch);
    }

    /** RFC 7386 JSON Merge Patch ({@code application/merge-patch+json}). */
    public static ObjectNode mergePatch(ObjectNode target, JsonNode patch) {
        return MergePatch.apply(target, patch);
    }

    /**
     * Strategic merge patch ({@code application/strategic-merge-patch+json}) with the list merge keys and
     * strategies of {@code type}'s schema and the directives kubectl sends ($patch, $setElementOrder,
     * $retainKeys, $deleteFromPrimitiveList).
     */
    public static ObjectNode strategicMergePatch(ResourceType type, ObjectNode target, JsonNode patch) {
        TypeModel model = TypeModel.shared();
        return new StrategicMerge(model).apply(target, patch, rootType(model, type));
    }

    /** The type of a whole object of {@code type}, or null for kinds without a schema (merge-patch semantics). */
    static FieldType rootType(TypeModel model, ResourceType type) {
        Definition d = type == null ? null : model.forType(type);
        return d == null ? null : FieldType.ref(d.name());
    }
}
