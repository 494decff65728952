package dev.wharf.api.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.resource.ResourceType;
import java.time.Instant;
import java.util.List;

/** Server-side printing: meta.k8s.io/v1 Table responses with the columns Kubernetes prints for each kind. */
public final class Tables {
    private Tables() {
    }

    /**
     * A Table of {@code objects}. {@code includeObject} is "None", "Object" or "Metadata" (default: rows carry a
     * PartialObjectMetadata). {@code withColumns} false leaves columnDefinitions empty (watch events after the
     * first). {@code now} computes the AGE column.
     */
    public static ObjectNode table(ResourceType type, List<ObjectNode> objects, Instant now, String includeObject,
            boolean withColumns) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
