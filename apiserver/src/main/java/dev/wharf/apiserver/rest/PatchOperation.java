package dev.wharf.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.patch.Patches;
import dev.wharf.api.patch.ServerSideApply;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.apiserver.registry.Keys;
import dev.wharf.apiserver.registry.Meta;

/**
 * PATCH: json-patch, merge-patch and strategic-merge-patch change an existing object; apply-patch (server-side
 * apply) also creates it. Re-applied to the fresh object when a concurrent write wins the race.
 */
public final class PatchOperation {
    private final RestContext ctx;
    private final UpdateOperation updates;
    private final CreateOperation creates;

    public PatchOperation(RestContext ctx, UpdateOperation updates, CreateOperation creates) {
        this.ctx = ctx;
        this.updates = updates;
        this.creates = creates;
    }

    /** The outcome; {@code created} when apply created the object (201). */
    public record Result(ObjectNode object, boolean created) {
    }

    public Result patch(ResourceType type, String namespace, String name, String subresource, PatchType patchType,
            JsonNode patch, WriteOptions options) {
        if (patchType == PatchType.APPLY) {
            return apply(type, namespace, name, subresource, patch, options);
        }
        String[] precondition = {null};
        ObjectNode result = updates.mutate(type, namespace, name, subresource, options, null, true, live -> {
            String liveRv = Meta.resourceVersion(live);
            ObjectNode patched = switch (patchType) {
                case JSON -> Patches.jsonPatch(live, patch);
                case MERGE -> Patches.mergePatch(live, patch);
                case STRATEGIC -> Patches.strategicMergePatch(type, live, patch);
                default -> throw new IllegalStateException();
            };
            String rv = Meta.resourceVersion(patched);
            if (!rv.isEmpty() && !rv.equals(liveRv)) {
                throw ApiException.conflict(type.qualifiedName(), type.group(), name, UpdateOperation.CONFLICT_MESSAGE);
            }
            checkIdentity(type, namespace, name, patched);
            ctx.admission().checkUnknownFields(type, patched, options);
            return patched;
        });
        return new Result(result, false);
    }

    private Result apply(ResourceType type, String namespace, String name, String subresource, JsonNode patch,
            WriteOptions options) {
        if (!(patch instanceof ObjectNode applied)) {
            throw ApiException.badRequest("apply patches must be a single object");
        }
        if (options.fieldManager() == null || options.fieldManager().isEmpty()) {
            throw ApiException.badRequest("PATCH, application/apply-patch+yaml requests must supply a fieldManager");
        }
        BodyChecks.checkKind(type, applied, type.kind(), type.apiVersion());
        BodyChecks.checkNamespace(type, applied, namespace);
        BodyChecks.checkName(applied, name);
        ctx.admission().checkUnknownFields(type, applied, options);
        if (subresource == null && ctx.storage().get(Keys.key(type, namespace, name)).isEmpty()) {
            ObjectNode created = ServerSideApply.apply(type, null, applied, options.fieldManager(), options.force(),
                    ctx.clock().now());
            try {
                return new Result(creates.create(type, namespace, created, options, false), true);
            } catch (ApiException e) {
                if (e.code() != 409 || !"AlreadyExists".equals(e.reason())) {
                    throw e;
                }
            }
        }
        ObjectNode result = updates.mutate(type, namespace, name, subresource, options,
                Meta.resourceVersion(applied), false,
                live -> ServerSideApply.apply(type, live, applied, options.fieldManager(), options.force(), ctx.clock().now()));
        return new Result(result, false);
    }

    private static void checkIdentity(ResourceType type, String namespace, String name, ObjectNode patched) {
        if (!name.equals(Meta.name(patched))) {
            throw ApiException.badRequest("the name of the object (" + Meta.name(patched) + ") does not match the name on the URL (" + name + ")");
        }
        if (type.namespaced() && !namespace.equals(Meta.namespace(patched))) {
            throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }
}
