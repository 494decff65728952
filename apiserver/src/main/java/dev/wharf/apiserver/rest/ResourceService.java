package dev.wharf.apiserver.rest;

import dev.wharf.api.resource.ResourceType;
import dev.wharf.apiserver.watch.ResourceWatch;

/**
 * The service layer: every verb over the Store with the same checks, defaulting, validation and admission,
 * whether the call came over HTTP or from the in-process client.
 */
public final class ResourceService {
    private final RestContext ctx;
    private final ReadOperations reads;
    private final CreateOperation creates;
    private final UpdateOperation updates;
    private final PatchOperation patches;
    private final DeleteOperation deletes;
    private final ScaleOperation scales;
    private final PodOperations pods;

    public ResourceService(RestContext ctx) {
        this.ctx = ctx;
        this.reads = new ReadOperations(ctx);
        this.creates = new CreateOperation(ctx);
        this.updates = new UpdateOperation(ctx);
        this.patches = new PatchOperation(ctx, updates, creates);
        this.deletes = new DeleteOperation(ctx, reads);
        this.scales = new ScaleOperation(reads, updates);
        this.pods = new PodOperations(ctx, reads, updates, deletes);
    }

    public RestContext context() {
        return ctx;
    }

    public ReadOperations reads() {
        return reads;
    }

    public CreateOperation creates() {
        return creates;
    }

    public UpdateOperation updates() {
        return updates;
    }

    public PatchOperation patches() {
        return patches;
    }

    public DeleteOperation deletes() {
        return deletes;
    }

    public ScaleOperation scales() {
        return scales;
    }

    public PodOperations pods() {
        return pods;
    }

    /** Opens a watch (410 Expired when the resourceVersion is compacted); run it to deliver events. */
    public ResourceWatch watch(ResourceType type, String namespace, ListQuery query) {
        return new ResourceWatch(ctx.storage(), type, namespace, query, ctx.clock());
    }
}
