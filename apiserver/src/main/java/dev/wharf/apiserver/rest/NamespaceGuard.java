package dev.wharf.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.apiserver.registry.Keys;
import dev.wharf.apiserver.registry.ObjectStorage;
import dev.wharf.apiserver.registry.StoredObject;

/** New objects go only into namespaces that exist (404) and are not being deleted (403 Forbidden). */
final class NamespaceGuard {
    private NamespaceGuard() {
    }

    static void checkWritable(ObjectStorage storage, ResourceType type, String namespace) {
        if (!type.namespaced()) {
            return;
        }
        StoredObject ns = storage.get(Keys.key(ResourceTypes.NAMESPACES, null, namespace))
                .orElseThrow(() -> ApiException.notFound("namespaces", "", namespace));
        ObjectNode o = ns.object();
        if ("Terminating".equals(o.path("status").path("phase").asText()) || !o.path("metadata").path("deletionTimestamp").isMissingNode()) {
            throw ApiException.of(403, "Forbidden", type.qualifiedName() + " is forbidden: unable to create new content in namespace "
                    + namespace + " because it is being terminated");
        }
    }
}
