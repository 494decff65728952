package dev.wharf.api.selector;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.api.resource.ResourceType;

/**
 * A field selector ("metadata.name=web,status.phase!=Running") over the fields each kind supports
 * (metadata.name and metadata.namespace everywhere; spec.nodeName, status.phase for pods;
 * involvedObject.* for events...).
 */
public interface FieldSelector {
    boolean matches(JsonNode object);

    /** Throws ApiException 400 naming the field when {@code type} does not support it. Empty or null matches all. */
    static FieldSelector parse(ResourceType type, String selector) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
