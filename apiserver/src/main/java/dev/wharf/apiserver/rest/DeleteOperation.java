package dev.wharf.apiserver.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.apiserver.registry.Keys;
import dev.wharf.apiserver.registry.Meta;
import dev.wharf.apiserver.registry.StoredObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * DELETE as Kubernetes does it. Objects with finalizers (or Foreground/Orphan propagation, which add the
 * {@code foregroundDeletion}/{@code orphan} finalizer) get a deletionTimestamp and stay until their finalizers are
 * removed; namespaces turn Terminating until finalized; pods bound to a node get a grace period the node agent
 * ends; everything else goes at once (the garbage collector then removes dependents for Background).
 */
public final class DeleteOperation {
    private static final long DEFAULT_POD_GRACE = 30;
    private static final int MAX_ATTEMPTS = 32;
    private final RestContext ctx;
    private final ReadOperations reads;

    public DeleteOperation(RestContext ctx, ReadOperations reads) {
        this.ctx = ctx;
        this.reads = reads;
    }

    /** The result: the object when it still exists (being deleted), else {@code deleted} with its last state. */
    public record Result(ObjectNode object, boolean deleted) {
    }

    public Result delete(ResourceType type, String namespace, String name, DeleteRequest request) {
        String key = Keys.key(type, namespace, name);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            StoredObject stored = ctx.storage().get(key)
                    .orElseThrow(() -> ApiException.notFound(type.qualifiedName(), type.group(), name));
            ObjectNode live = stored.object();
            checkPreconditions(type, name, live, request);
            ObjectNode next = live.deepCopy();
            boolean immediate = decide(type, next, request);
            if (request.dryRun()) {
                return new Result(immediate ? live : next, immediate);
            }
            if (immediate) {
                if (ctx.storage().delete(key, stored.modRevision())) {
                    return new Result(live, true);
                }
            } else if (dev.wharf.apiserver.registry.JsonEquality.equal(next, live)) {
                return new Result(live, false);
            } else {
                var written = ctx.storage().update(key, next, stored.modRevision());
                if (written.isPresent()) {
                    return new Result(written.get().object(), false);
                }
            }
        }
        throw ApiException.conflict(type.qualifiedName(), type.group(), name, UpdateOperation.CONFLICT_MESSAGE);
    }

    /** DELETE on a collection: every matching object, each as a single delete; returns the objects handled. */
    public List<ObjectNode> deleteCollection(ResourceType type, String namespace, ListQuery query, DeleteRequest request) {
        List<ObjectNode> done = new ArrayList<>();
        for (ObjectNode o : reads.list(type, namespace, new ListQuery(query.labelSelector(), query.fieldSelector(), 0, null,
                null, null, false)).items()) {
            try {
                done.add(delete(type, Meta.namespace(o).isEmpty() ? null : Meta.namespace(o), Meta.name(o), request).object());
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        return done;
    }

    /** Mutates {@code next} into the deleting state when the object must stay; returns true to delete it now. */
    private boolean decide(ResourceType type, ObjectNode next, DeleteRequest request) {
        ObjectNode meta = Meta.of(next);
        boolean deleting = Meta.isDeleting(next);
        if (type.equals(ResourceTypes.NAMESPACES)) {
            if (!deleting) {
                meta.put("deletionTimestamp", ctx.now());
                meta.put("deletionGracePeriodSeconds", 0);
            }
            (next.get("status") instanceof ObjectNode s ? s : next.putObject("status")).put("phase", "Terminating");
            return !Meta.hasFinalizers(next) && next.path("spec").path("finalizers").isEmpty();
        }
        String policy = request.propagationPolicy() == null ? "Background" : request.propagationPolicy();
        if (!List.of("Background", "Foreground", "Orphan").contains(policy)) {
            throw ApiException.badRequest("propagationPolicy: Unsupported value: \"" + policy
                    + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
        }
        if (type.equals(ResourceTypes.PODS) && !Meta.hasFinalizers(next) && policy.equals("Background")) {
            return decidePod(next, meta, deleting, request);
        }
        if (!deleting && policy.equals("Foreground")) {
            addFinalizer(next, "foregroundDeletion");
        } else if (!deleting && policy.equals("Orphan")) {
            addFinalizer(next, "orphan");
        }
        if (!Meta.hasFinalizers(next)) {
            return true;
        }
        if (!deleting) {
            meta.put("deletionTimestamp", ctx.now());
            meta.put("deletionGracePeriodSeconds", 0);
        }
        return false;
    }

    private boolean decidePod(ObjectNode pod, ObjectNode meta, boolean deleting, DeleteRequest request) {
        boolean bound = !pod.path("spec").path("nodeName").asText("").isEmpty();
        long grace = request.gracePeriodSeconds() != null ? request.gracePeriodSeconds()
                : pod.path("spec").path("terminationGracePeriodSeconds").asLong(DEFAULT_POD_GRACE);
        String phase = pod.path("status").path("phase").asText("");
        if (!bound || grace <= 0 || phase.equals("Succeeded") || phase.equals("Failed")) {
            return true;
        }
        long current = meta.path("deletionGracePeriodSeconds").asLong(Long.MAX_VALUE);
        if (!deleting || grace < current) {
            meta.put("deletionTimestamp", Timestamps.format(ctx.clock().now().plus(Duration.ofSeconds(grace))));
            meta.put("deletionGracePeriodSeconds", grace);
        }
        return false;
    }

    private static void addFinalizer(ObjectNode object, String finalizer) {
        if (!Meta.hasFinalizer(object, finalizer)) {
            ArrayNode f = Meta.finalizers(object);
            f.add(finalizer);
        }
    }

    private static void checkPreconditions(ResourceType type, String name, ObjectNode live, DeleteRequest request) {
        String uid = request.preconditionUid();
        if (uid != null && !uid.isEmpty() && !uid.equals(Meta.uid(live))) {
            throw ApiException.conflict(type.qualifiedName(), type.group(), name,
                    "Precondition failed: UID in precondition: " + uid + ", UID in object meta: " + Meta.uid(live));
        }
        String rv = request.preconditionResourceVersion();
        if (rv != null && !rv.isEmpty() && !rv.equals(Meta.resourceVersion(live))) {
            throw ApiException.conflict(type.qualifiedName(), type.group(), name,
                    "Precondition failed: ResourceVersion in precondition: " + rv + ", ResourceVersion in object meta: "
                            + Meta.resourceVersion(live));
        }
    }
}
