package dev.wharf.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.resource.ResourceTypes;
import java.util.List;
import java.util.Optional;

/**
 * The OpenAPI v3 documents Wharf serves ({@code /openapi/v3} and one document per group-version), with complete
 * schemas carrying descriptions, {@code x-kubernetes-group-version-kind}, and the patch merge keys and strategies
 * that kubectl computes its patches from. Also answers schema questions for strict field validation.
 */
public final class OpenApi {
    private final ResourceTypes types;

    public OpenApi(ResourceTypes types) {
        this.types = types;
    }

    /** {@code GET /openapi/v3}: {"paths": {"api/v1": {"serverRelativeURL": "/openapi/v3/api/v1?hash=..."}, ...}}. */
    public ObjectNode root() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The document for "api/v1" or "apis/apps/v1"; empty for an unknown group-version. */
    public Optional<ObjectNode> groupVersion(String path) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * The paths of fields in {@code object} that {@code type}'s schema does not declare, formatted as Kubernetes
     * reports them for fieldValidation ({@code .spec.replica}, {@code .spec.template.spec.containers[0].imagePolicy}).
     */
    public List<String> unknownFields(ResourceType type, JsonNode object) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
