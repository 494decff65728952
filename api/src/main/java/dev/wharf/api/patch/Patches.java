package dev.wharf.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.resource.ResourceType;

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
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** RFC 7386 JSON Merge Patch ({@code application/merge-patch+json}). */
    public static ObjectNode mergePatch(ObjectNode target, JsonNode patch) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * Strategic merge patch ({@code application/strategic-merge-patch+json}) with the list merge keys and
     * strategies of {@code type}'s schema and the directives kubectl sends ($patch, $setElementOrder,
     * $retainKeys, $deleteFromPrimitiveList).
     */
    public static ObjectNode strategicMergePatch(ResourceType type, ObjectNode target, JsonNode patch) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
