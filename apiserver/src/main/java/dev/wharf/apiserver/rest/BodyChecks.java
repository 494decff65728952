package dev.wharf.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.apiserver.registry.Meta;

/** Checks of a request body against the URL it was sent to. */
public final class BodyChecks {
    private BodyChecks() {
    }

    /** kind and apiVersion must be the URL's (filled in when absent); for a subresource, {@code kind} is its kind. */
    public static void checkKind(ResourceType type, ObjectNode body, String kind, String apiVersion) {
        String k = body.path("kind").asText("");
        String av = body.path("apiVersion").asText("");
        if (!k.isEmpty() && !k.equals(kind)) {
            throw ApiException.badRequest("the kind of the object (" + k + ") does not match the kind on the URL (" + kind + ")");
        }
        if (!av.isEmpty() && !av.equals(apiVersion)) {
            throw ApiException.badRequest("the API version in the data (" + av + ") does not match the expected API version ("
                    + apiVersion + ")");
        }
        body.put("kind", kind);
        body.put("apiVersion", apiVersion);
    }

    /** Body namespace must match the URL's (400), is filled in when empty, and dropped for cluster-scoped kinds. */
    public static void checkNamespace(ResourceType type, ObjectNode body, String namespace) {
        ObjectNode meta = Meta.of(body);
        if (!type.namespaced()) {
            meta.remove("namespace");
            return;
        }
        String ns = Meta.namespace(body);
        if (ns.isEmpty()) {
            meta.put("namespace", namespace);
        } else if (!ns.equals(namespace)) {
            throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    /** On update: body name must match the URL's. */
    public static void checkName(ObjectNode body, String name) {
        String n = Meta.name(body);
        if (n.isEmpty()) {
            Meta.of(body).put("name", name);
        } else if (!n.equals(name)) {
            throw ApiException.badRequest("the name of the object (" + n + ") does not match the name on the URL (" + name + ")");
        }
    }
}
