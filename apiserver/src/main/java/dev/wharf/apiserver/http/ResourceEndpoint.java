package dev.wharf.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.apiserver.registry.Meta;
import dev.wharf.apiserver.rest.DeleteOperation;
import dev.wharf.apiserver.rest.DeleteRequest;
import dev.wharf.apiserver.rest.ListQuery;
import dev.wharf.apiserver.rest.ListResult;
import dev.wharf.apiserver.rest.PatchOperation;
import dev.wharf.apiserver.rest.PatchType;
import dev.wharf.apiserver.rest.ResourceService;
import dev.wharf.apiserver.rest.WriteOptions;
import java.util.ArrayList;
import java.util.List;

/** The REST verbs on resource URLs: maps method + path shape to the service layer and renders the answer. */
public final class ResourceEndpoint {
    private final ResourceTypes types;
    private final ResourceService service;
    private final Renderer renderer;
    private final WatchEndpoint watches;
    private final LogEndpoint logs;

    public ResourceEndpoint(ResourceTypes types, ResourceService service, Renderer renderer, WatchEndpoint watches,
            LogEndpoint logs) {
        this.types = types;
        this.service = service;
        this.renderer = renderer;
        this.watches = watches;
        this.logs = logs;
    }

    public void handle(ResourcePath path, HttpRequest req, Responder r) throws Exception {
        ResourceType type = types.byResource(path.group(), path.version(), path.resource())
                .orElseThrow(Responses::notFoundPath);
        if (path.namespace() != null && !type.namespaced()) {
            throw Responses.notFoundPath();
        }
        if (path.name() == null) {
            collection(type, path, req, r);
        } else if (path.subresource() == null) {
            item(type, path, req, r);
        } else {
            subresource(type, path, req, r);
        }
    }

    private void collection(ResourceType type, ResourcePath path, HttpRequest req, Responder r) throws Exception {
        String ns = path.namespace();
        switch (req.method()) {
            case "GET" -> {
                ListQuery query = listQuery(req);
                if (path.watch() || req.flag("watch")) {
                    watches.watch(type, ns, query, req, r);
                    return;
                }
                ListResult result = service.reads().list(type, ns, query);
                if (MediaTypes.wantsTable(req.header("Accept"))) {
                    Responses.json(r, 200, MediaTypes.TABLE, renderer.table(type, result.items(), req.param("includeObject"),
                            true, Long.toString(result.revision()), result.continueToken()), List.of());
                } else {
                    Responses.json(r, 200, renderer.list(type, result), List.of());
                }
            }
            case "POST" -> {
                if (type.namespaced() && ns == null) {
                    throw ApiException.methodNotAllowed("POST is not allowed on a cluster-wide list of " + type.plural()
                            + "; use /namespaces/<namespace>/" + type.plural());
                }
                WriteOptions options = writeOptions(req);
                ObjectNode body = Bodies.object(req.header("Content-Type"), req.body());
                ObjectNode created = service.creates().create(type, ns, body, options);
                Responses.json(r, 201, created, options.warnings());
            }
            case "DELETE" -> {
                DeleteRequest request = deleteRequest(req);
                List<ObjectNode> deleted = service.deletes().deleteCollection(type, ns, listQuery(req), request);
                ListResult result = new ListResult(deleted, service.context().storage().store().currentRevision(), null);
                Responses.json(r, 200, renderer.list(type, result), List.of());
            }
            default -> throw notAllowed(req);
        }
    }

    private void item(ResourceType type, ResourcePath path, HttpRequest req, Responder r) throws Exception {
        String ns = namespaceOf(type, path);
        String name = path.name();
        switch (req.method()) {
            case "GET" -> {
                if (path.watch() || req.flag("watch")) {
                    ListQuery q = listQuery(req);
                    String fields = "metadata.name=" + name + (q.fieldSelector() == null || q.fieldSelector().isEmpty() ? "" : "," + q.fieldSelector());
                    watches.watch(type, ns, new ListQuery(q.labelSelector(), fields, 0, null, q.resourceVersion(),
                            q.timeoutSeconds(), q.allowBookmarks()), req, r);
                    return;
                }
                ObjectNode o = service.reads().get(type, ns, name).object();
                if (MediaTypes.wantsTable(req.header("Accept"))) {
                    Responses.json(r, 200, MediaTypes.TABLE, renderer.table(type, List.of(o), req.param("includeObject"),
                            true, Meta.resourceVersion(o), null), List.of());
                } else {
                    Responses.json(r, 200, o, List.of());
                }
            }
            case "PUT" -> {
                WriteOptions options = writeOptions(req);
                ObjectNode body = Bodies.object(req.header("Content-Type"), req.body());
                Responses.json(r, 200, service.updates().update(type, ns, name, null, body, options), options.warnings());
            }
            case "PATCH" -> patch(type, ns, name, null, req, r);
            case "DELETE" -> {
                DeleteOperation.Result result = service.deletes().delete(type, ns, name, deleteRequest(req));
                if (result.deleted()) {
                    Responses.json(r, 200, Responses.success(name, type.group(), type.plural(), Meta.uid(result.object())), List.of());
                } else {
                    Responses.json(r, 200, result.object(), List.of());
                }
            }
            default -> throw notAllowed(req);
        }
    }

    private void patch(ResourceType type, String ns, String name, String sub, HttpRequest req, Responder r) {
        PatchType patchType = PatchType.ofContentType(req.header("Content-Type"))
                .orElseThrow(() -> ApiException.unsupportedMediaType(req.header("Content-Type")));
        WriteOptions options = writeOptions(req);
        JsonNode patch = Bodies.patch(req.body(), patchType == PatchType.APPLY);
        PatchOperation.Result result = service.patches().patch(type, ns, name, sub, patchType, patch, options);
        Responses.json(r, result.created() ? 201 : 200, result.object(), options.warnings());
    }

    private void subresource(ResourceType type, ResourcePath path, HttpRequest req, Responder r) throws Exception {
        String sub = path.subresource();
        if (!type.subresources().contains(sub)) {
            throw Responses.notFoundPath();
        }
        String ns = namespaceOf(type, path);
        String name = path.name();
        String method = req.method();
        switch (sub) {
            case "status" -> {
                switch (method) {
                    case "GET" -> Responses.json(r, 200, service.reads().get(type, ns, name).object(), List.of());
                    case "PUT" -> {
                        WriteOptions options = writeOptions(req);
                        ObjectNode body = Bodies.object(req.header("Content-Type"), req.body());
                        Responses.json(r, 200, service.updates().update(type, ns, name, "status", body, options), options.warnings());
                    }
                    case "PATCH" -> patch(type, ns, name, "status", req, r);
                    default -> throw notAllowed(req);
                }
            }
            case "scale" -> {
                switch (method) {
                    case "GET" -> Responses.json(r, 200, service.scales().get(type, ns, name), List.of());
                    case "PUT" -> Responses.json(r, 200, service.scales().update(type, ns, name,
                            Bodies.object(req.header("Content-Type"), req.body()), writeOptions(req)), List.of());
                    case "PATCH" -> {
                        PatchType patchType = PatchType.ofContentType(req.header("Content-Type"))
                                .orElseThrow(() -> ApiException.unsupportedMediaType(req.header("Content-Type")));
                        Responses.json(r, 200, service.scales().patch(type, ns, name, patchType,
                                Bodies.patch(req.body(), false), writeOptions(req)), List.of());
                    }
                    default -> throw notAllowed(req);
                }
            }
            case "finalize" -> {
                if (method.equals("PATCH")) {
                    patch(type, ns, name, "finalize", req, r);
                    return;
                }
                if (!method.equals("PUT")) {
                    throw notAllowed(req);
                }
                WriteOptions options = writeOptions(req);
                ObjectNode body = Bodies.object(req.header("Content-Type"), req.body());
                Responses.json(r, 200, service.updates().update(type, ns, name, "finalize", body, options), options.warnings());
            }
            case "binding" -> {
                requirePost(req);
                service.pods().bind(ns, name, Bodies.object(req.header("Content-Type"), req.body()), writeOptions(req));
                Responses.json(r, 201, Responses.success(name, "", "pods", null), List.of());
            }
            case "eviction" -> {
                requirePost(req);
                service.pods().evict(ns, name, Bodies.object(req.header("Content-Type"), req.body()));
                Responses.json(r, 201, Responses.success(name, "policy", "Eviction", null), List.of());
            }
            case "log" -> {
                if (!method.equals("GET")) {
                    throw notAllowed(req);
                }
                logs.log(ns, name, req, r);
            }
            default -> throw Responses.notFoundPath();
        }
    }

    private static String namespaceOf(ResourceType type, ResourcePath path) {
        if (type.namespaced() && path.namespace() == null) {
            throw Responses.notFoundPath();
        }
        return type.namespaced() ? path.namespace() : null;
    }

    private static void requirePost(HttpRequest req) {
        if (!req.method().equals("POST")) {
            throw notAllowed(req);
        }
    }

    private static ApiException notAllowed(HttpRequest req) {
        return ApiException.methodNotAllowed("the server does not allow this method on the requested resource (" + req.method() + ")");
    }

    static ListQuery listQuery(HttpRequest req) {
        Long limit = req.longParam("limit");
        return new ListQuery(req.param("labelSelector"), req.param("fieldSelector"), limit == null ? 0 : limit,
                req.param("continue"), req.param("resourceVersion"), req.longParam("timeoutSeconds"),
                req.flag("allowWatchBookmarks"));
    }

    static WriteOptions writeOptions(HttpRequest req) {
        String dryRun = req.param("dryRun");
        if (dryRun != null && !dryRun.isEmpty() && !dryRun.equals("All")) {
            throw ApiException.badRequest("dryRun: Unsupported value: \"" + dryRun + "\": supported values: \"All\"");
        }
        String fieldValidation = req.param("fieldValidation");
        if (fieldValidation != null && !List.of("Strict", "Warn", "Ignore", "").contains(fieldValidation)) {
            throw ApiException.badRequest("fieldValidation: Unsupported value: \"" + fieldValidation
                    + "\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
        }
        return new WriteOptions(fieldManager(req), "All".equals(dryRun), fieldValidation == null ? "Warn" : fieldValidation,
                req.flag("force"), new ArrayList<>());
    }

    /** The fieldManager parameter; else, as Kubernetes does, the User-Agent up to its first '/'. Null for apply checks. */
    private static String fieldManager(HttpRequest req) {
        String manager = req.param("fieldManager");
        if (manager != null && !manager.isEmpty()) {
            return manager;
        }
        if ("PATCH".equals(req.method()) && PatchType.ofContentType(req.header("Content-Type")).orElse(null) == PatchType.APPLY) {
            return null;
        }
        String agent = req.header("User-Agent");
        if (agent == null || agent.isEmpty()) {
            return null;
        }
        int slash = agent.indexOf('/');
        String prefix = slash < 0 ? agent : agent.substring(0, slash);
        return prefix.length() > 128 ? prefix.substring(0, 128) : prefix;
    }

    static DeleteRequest deleteRequest(HttpRequest req) {
        ObjectNode body = req.body().length == 0 ? null : Bodies.object(req.header("Content-Type"), req.body());
        String policy = req.param("propagationPolicy");
        Long grace = req.longParam("gracePeriodSeconds");
        String uid = null;
        String rv = null;
        boolean dryRun = "All".equals(req.param("dryRun"));
        if (body != null) {
            if (body.hasNonNull("propagationPolicy")) {
                policy = body.get("propagationPolicy").asText();
            } else if (body.hasNonNull("orphanDependents")) {
                policy = body.get("orphanDependents").asBoolean() ? "Orphan" : "Background";
            }
            if (body.hasNonNull("gracePeriodSeconds")) {
                grace = body.get("gracePeriodSeconds").asLong();
            }
            uid = body.path("preconditions").path("uid").asText(null);
            rv = body.path("preconditions").path("resourceVersion").asText(null);
            for (JsonNode d : body.path("dryRun")) {
                dryRun |= d.asText().equals("All");
            }
        }
        return new DeleteRequest(policy, grace, uid, rv, dryRun);
    }
}
