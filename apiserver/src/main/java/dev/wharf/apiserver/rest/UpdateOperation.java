package dev.wharf.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.apiserver.registry.JsonEquality;
import dev.wharf.apiserver.registry.Keys;
import dev.wharf.apiserver.registry.Meta;
import dev.wharf.apiserver.registry.StoredObject;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * PUT, and the read-modify-write loop every change of an existing object goes through (patch, status, scale,
 * binding, finalize): optimistic concurrency on the key's mod revision, immutable metadata kept, the status
 * subresource split, generation bumped on spec changes, and removal once a deleting object loses its last finalizer.
 */
public final class UpdateOperation {
    static final String CONFLICT_MESSAGE = "the object has been modified; please apply your changes to the latest version and try again";
    private static final int MAX_ATTEMPTS = 32;
    private final RestContext ctx;

    public UpdateOperation(RestContext ctx) {
        this.ctx = ctx;
    }

    /** PUT of the main resource or of {@code subresource} ("status", "finalize"). */
    public ObjectNode update(ResourceType type, String namespace, String name, String subresource, ObjectNode body,
            WriteOptions options) {
        BodyChecks.checkKind(type, body, type.kind(), type.apiVersion());
        BodyChecks.checkNamespace(type, body, namespace);
        BodyChecks.checkName(body, name);
        ctx.admission().checkUnknownFields(type, body, options);
        String rv = Meta.resourceVersion(body);
        return mutate(type, namespace, name, subresource, options, rv, true, live -> body.deepCopy());
    }

    /**
     * Reads the object, lets {@code change} compute the desired object from a copy of it, and writes the result
     * if the key did not move meanwhile (retrying otherwise, unless the caller holds a resourceVersion precondition).
     *
     * @param precondition a resourceVersion the stored object must have (409 otherwise), or empty
     * @param trackUpdate  record the write in managedFields as an "Update" by the field manager
     */
    public ObjectNode mutate(ResourceType type, String namespace, String name, String subresource, WriteOptions options,
            String precondition, boolean trackUpdate, UnaryOperator<ObjectNode> change) {
        String key = Keys.key(type, namespace, name);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            StoredObject stored = ctx.storage().get(key)
                    .orElseThrow(() -> ApiException.notFound(type.qualifiedName(), type.group(), name));
            ObjectNode live = stored.object();
            if (precondition != null && !precondition.isEmpty() && !precondition.equals(Meta.resourceVersion(live))) {
                throw ApiException.conflict(type.qualifiedName(), type.group(), name, CONFLICT_MESSAGE);
            }
            ObjectNode desired = change.apply(live.deepCopy());
            ObjectNode next = merge(type, live, desired, subresource);
            ctx.admission().defaults(type, next);
            List<Integer> nodePorts = type.equals(ResourceTypes.SERVICES) && subresource == null
                    ? ctx.nodePorts().assign(next, live, key) : List.of();
            try {
                if (subresource == null && specChanged(live, next)) {
                    Meta.of(next).put("generation", live.path("metadata").path("generation").asLong(0) + 1);
                }
                if (JsonEquality.sameObject(next, live)) {
                    return live;
                }
                ctx.admission().validate(type, next, live);
                if (trackUpdate) {
                    ctx.admission().recordUpdate(type, live, next, options.managerOr("unknown"), subresource, ctx.clock().now());
                }
                if (options.dryRun()) {
                    return next;
                }
                if (shouldDeleteDuringUpdate(type, next)) {
                    if (ctx.storage().delete(key, stored.modRevision())) {
                        return next;
                    }
                } else {
                    Optional<StoredObject> written = ctx.storage().update(key, next, stored.modRevision());
                    if (written.isPresent()) {
                        return written.get().object();
                    }
                }
            } finally {
                ctx.nodePorts().release(nodePorts);
            }
            if (precondition != null && !precondition.isEmpty()) {
                throw ApiException.conflict(type.qualifiedName(), type.group(), name, CONFLICT_MESSAGE);
            }
        }
        throw ApiException.conflict(type.qualifiedName(), type.group(), name, CONFLICT_MESSAGE);
    }

    /** The object to store: what the caller may change, on top of what it may not. */
    static ObjectNode merge(ResourceType type, ObjectNode live, ObjectNode desired, String subresource) {
        ObjectNode next;
        if ("status".equals(subresource)) {
            next = live.deepCopy();
            copyField(desired, next, "status");
            return next;
        }
        if ("finalize".equals(subresource)) {
            next = live.deepCopy();
            ObjectNode spec = next.get("spec") instanceof ObjectNode s ? s : next.putObject("spec");
            JsonNode finalizers = desired.path("spec").get("finalizers");
            if (finalizers == null || finalizers.isNull()) {
                spec.remove("finalizers");
            } else {
                spec.set("finalizers", finalizers);
            }
            return next;
        }
        next = desired;
        if (type.hasStatus()) {
            copyField(live, next, "status");
        }
        if (type.equals(ResourceTypes.SERVICES)) {
            keepAllocatedAddresses(live, next);
        }
        if (type.equals(ResourceTypes.NAMESPACES)) {
            ObjectNode spec = next.get("spec") instanceof ObjectNode s ? s : next.putObject("spec");
            JsonNode finalizers = live.path("spec").get("finalizers");
            if (finalizers == null) {
                spec.remove("finalizers");
            } else {
                spec.set("finalizers", finalizers);
            }
        }
        ObjectNode liveMeta = Meta.of(live);
        ObjectNode meta = Meta.of(next);
        for (String field : List.of("uid", "creationTimestamp", "name", "namespace", "deletionTimestamp",
                "deletionGracePeriodSeconds", "generation", "resourceVersion")) {
            copyField(liveMeta, meta, field);
        }
        if (!meta.has("managedFields") && liveMeta.has("managedFields")) {
            meta.set("managedFields", liveMeta.get("managedFields"));
        }
        return next;
    }

    /** A Service update that leaves out clusterIP keeps the allocated one (as kubectl replace relies on). */
    private static void keepAllocatedAddresses(ObjectNode live, ObjectNode next) {
        JsonNode ip = live.path("spec").get("clusterIP");
        if (ip == null || !(next.get("spec") instanceof ObjectNode spec)) {
            return;
        }
        if (spec.path("clusterIP").asText("").isEmpty()) {
            spec.set("clusterIP", ip.deepCopy());
            JsonNode ips = live.path("spec").get("clusterIPs");
            if (ips != null && (!spec.has("clusterIPs") || spec.get("clusterIPs").isEmpty())) {
                spec.set("clusterIPs", ips.deepCopy());
            }
        }
    }

    /** Anything but metadata and status counts as spec. */
    static boolean specChanged(ObjectNode before, ObjectNode after) {
        ObjectNode a = before.deepCopy();
        ObjectNode b = after.deepCopy();
        a.remove(List.of("metadata", "status"));
        b.remove(List.of("metadata", "status"));
        return !JsonEquality.equal(a, b);
    }

    /** A deleting object with no finalizers left (and no grace period running) goes. */
    static boolean shouldDeleteDuringUpdate(ResourceType type, ObjectNode object) {
        if (!Meta.isDeleting(object) || Meta.hasFinalizers(object)) {
            return false;
        }
        if (object.path("metadata").path("deletionGracePeriodSeconds").asLong(0) > 0) {
            return false;
        }
        if (type.equals(ResourceTypes.NAMESPACES)) {
            JsonNode f = object.path("spec").path("finalizers");
            return !f.isArray() || f.isEmpty();
        }
        return true;
    }

    private static void copyField(ObjectNode from, ObjectNode to, String field) {
        JsonNode v = from.get(field);
        if (v == null) {
            to.remove(field);
        } else {
            to.set(field, v.deepCopy());
        }
    }
}
