package dev.wharf.api.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.common.Json;
import java.util.Locale;

/**
 * The {@code paths} of one group-version document: for each resource the collection, item, all-namespaces and
 * subresource paths with their operations, named and shaped as the Kubernetes API server names them.
 */
final class PathsBuilder {
    private static final String[] MEDIA = {"application/json", "application/yaml", "application/vnd.kubernetes.protobuf"};
    private static final String[] PATCH_MEDIA = {"application/apply-patch+yaml", "application/json-patch+json",
        "application/merge-patch+json", "application/strategic-merge-patch+json"};

    private final ObjectNode paths = Json.object();

    ObjectNode paths() {
        return paths;
    }

    void add(ResourceType t, String kindRef) {
        String tag = tag(t);
        String gvId = gvCamel(t);
        String ns = t.namespaced() ? "Namespaced" : "";
        String base = t.pathPrefix() + (t.namespaced() ? "/namespaces/{namespace}/" : "/") + t.plural();
        String listRef = kindRef + "List";
        Definition.Gvk gvk = new Definition.Gvk(t.group(), t.version(), t.kind());

        ObjectNode coll = pathItem(base, t.namespaced(), false);
        coll.set("get", op(tag, "list " + t.kind(), "list" + gvId + ns + t.kind(), "list", gvk, listRef, listParams()));
        coll.set("post", withBody(op(tag, "create " + t.kind(), "create" + gvId + ns + t.kind(), "post", gvk, kindRef,
                writeParams()), kindRef));
        coll.set("delete", op(tag, "delete collection of " + t.kind(), "deletecollection" + gvId + ns + t.kind(),
                "deletecollection", gvk, DefinitionNames.META + "Status", listParams()));

        ObjectNode item = pathItem(base + "/{name}", t.namespaced(), true);
        item.set("get", op(tag, "read the specified " + t.kind(), "read" + gvId + ns + t.kind(), "get", gvk, kindRef, params()));
        item.set("put", withBody(op(tag, "replace the specified " + t.kind(), "replace" + gvId + ns + t.kind(), "put", gvk,
                kindRef, writeParams()), kindRef));
        item.set("patch", patch(tag, "partially update the specified " + t.kind(), "patch" + gvId + ns + t.kind(), gvk, kindRef));
        item.set("delete", op(tag, "delete " + t.kind(), "delete" + gvId + ns + t.kind(), "delete", gvk,
                DefinitionNames.META + "Status", deleteParams()));

        if (t.namespaced()) {
            ObjectNode all = pathItem(t.pathPrefix() + "/" + t.plural(), false, false);
            all.set("get", op(tag, "list or watch objects of kind " + t.kind(), "list" + gvId + t.kind() + "ForAllNamespaces",
                    "list", gvk, listRef, listParams()));
        }
        if (t.subresources().contains("status")) {
            ObjectNode st = pathItem(base + "/{name}/status", t.namespaced(), true);
            st.set("get", op(tag, "read status of the specified " + t.kind(), "read" + gvId + ns + t.kind() + "Status",
                    "get", gvk, kindRef, params()));
            st.set("put", withBody(op(tag, "replace status of the specified " + t.kind(), "replace" + gvId + ns + t.kind()
                    + "Status", "put", gvk, kindRef, writeParams()), kindRef));
            st.set("patch", patch(tag, "partially update status of the specified " + t.kind(), "patch" + gvId + ns + t.kind()
                    + "Status", gvk, kindRef));
        }
        if (t.subresources().contains("scale")) {
            String scale = "io.k8s.api.autoscaling.v1.Scale";
            Definition.Gvk sg = new Definition.Gvk("autoscaling", "v1", "Scale");
            ObjectNode sc = pathItem(base + "/{name}/scale", t.namespaced(), true);
            sc.set("get", op(tag, "read scale of the specified " + t.kind(), "read" + gvId + ns + t.kind() + "Scale", "get",
                    sg, scale, params()));
            sc.set("put", withBody(op(tag, "replace scale of the specified " + t.kind(), "replace" + gvId + ns + t.kind()
                    + "Scale", "put", sg, scale, writeParams()), scale));
            sc.set("patch", patch(tag, "partially update scale of the specified " + t.kind(), "patch" + gvId + ns + t.kind()
                    + "Scale", sg, scale));
        }
    }

    private ObjectNode pathItem(String path, boolean namespaced, boolean named) {
        ObjectNode item = paths.putObject(path);
        ArrayNode ps = item.putArray("parameters");
        if (named) {
            ps.add(param("name", "path", "name of the resource", "string").put("required", true));
        }
        if (namespaced) {
            ps.add(param("namespace", "path", "object name and auth scope, such as for teams and projects", "string")
                    .put("required", true));
        }
        ps.add(param("pretty", "query", "If 'true', then the output is pretty printed.", "string"));
        return item;
    }

    private static ObjectNode patch(String tag, String description, String id, Definition.Gvk gvk, String ref) {
        ObjectNode op = op(tag, description, id, "patch", gvk, ref, patchParams());
        ObjectNode body = op.putObject("requestBody");
        ObjectNode content = body.putObject("content");
        for (String m : PATCH_MEDIA) {
            content.putObject(m).putObject("schema").put("$ref", SchemaJson.REF_PREFIX + DefinitionNames.PATCH);
        }
        body.put("required", true);
        response(op.with("responses"), "201", "Created", ref);
        return op;
    }

    private static ObjectNode withBody(ObjectNode op, String ref) {
        ObjectNode body = Json.object();
        ObjectNode content = body.putObject("content");
        for (String m : MEDIA) {
            content.putObject(m).putObject("schema").put("$ref", SchemaJson.REF_PREFIX + ref);
        }
        body.put("required", true);
        op.set("requestBody", body);
        if (op.path("x-kubernetes-action").asText().equals("post")) {
            response(op.with("responses"), "201", "Created", ref);
            response(op.with("responses"), "202", "Accepted", ref);
        } else {
            response(op.with("responses"), "201", "Created", ref);
        }
        return op;
    }

    private static ObjectNode op(String tag, String description, String id, String action, Definition.Gvk gvk, String ref,
            ArrayNode params) {
        ObjectNode op = Json.object();
        op.putArray("tags").add(tag);
        op.put("description", description);
        op.put("operationId", id);
        if (!params.isEmpty()) {
            op.set("parameters", params);
        }
        ObjectNode responses = op.putObject("responses");
        response(responses, "200", "OK", ref);
        responses.putObject("401").put("description", "Unauthorized");
        op.put("x-kubernetes-action", action);
        op.putObject("x-kubernetes-group-version-kind").put("group", gvk.group()).put("version", gvk.version())
                .put("kind", gvk.kind());
        return op;
    }

    private static void response(ObjectNode responses, String code, String description, String ref) {
        ObjectNode r = responses.putObject(code);
        r.put("description", description);
        ObjectNode content = r.putObject("content");
        for (String m : MEDIA) {
            content.putObject(m).putObject("schema").put("$ref", SchemaJson.REF_PREFIX + ref);
        }
    }

    private static ArrayNode params() {
        return Json.MAPPER.createArrayNode();
    }

    private static ArrayNode writeParams() {
        ArrayNode ps = params();
        ps.add(param("dryRun", "query", "When present, indicates that modifications should not be persisted. Valid value: All", "string"));
        ps.add(param("fieldManager", "query", "fieldManager is a name associated with the actor or entity that is making these changes.", "string"));
        ps.add(param("fieldValidation", "query", "fieldValidation instructs the server on how to handle objects in the request "
                + "(POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: Ignore, Warn (default), Strict.", "string"));
        return ps;
    }

    private static ArrayNode patchParams() {
        ArrayNode ps = writeParams();
        ps.add(param("force", "query", "Force is going to \"force\" Apply requests. It means user will re-acquire conflicting "
                + "fields owned by other people. Force flag must be unset for non-apply patch requests.", "boolean"));
        return ps;
    }

    private static ArrayNode deleteParams() {
        ArrayNode ps = params();
        ps.add(param("dryRun", "query", "When present, indicates that modifications should not be persisted.", "string"));
        ps.add(param("gracePeriodSeconds", "query", "The duration in seconds before the object should be deleted.", "integer"));
        ps.add(param("propagationPolicy", "query", "Whether and how garbage collection will be performed: Orphan, Background, Foreground.", "string"));
        return ps;
    }

    private static ArrayNode listParams() {
        ArrayNode ps = params();
        ps.add(param("allowWatchBookmarks", "query", "allowWatchBookmarks requests watch events with type \"BOOKMARK\".", "boolean"));
        ps.add(param("continue", "query", "The continue option should be set when retrieving more results from the server.", "string"));
        ps.add(param("fieldSelector", "query", "A selector to restrict the list of returned objects by their fields.", "string"));
        ps.add(param("labelSelector", "query", "A selector to restrict the list of returned objects by their labels.", "string"));
        ps.add(param("limit", "query", "limit is a maximum number of responses to return for a list call.", "integer"));
        ps.add(param("resourceVersion", "query", "resourceVersion sets a constraint on what resource versions a request may be served from.", "string"));
        ps.add(param("timeoutSeconds", "query", "Timeout for the list/watch call.", "integer"));
        ps.add(param("watch", "query", "Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.", "boolean"));
        return ps;
    }

    private static ObjectNode param(String name, String in, String description, String type) {
        ObjectNode p = Json.object();
        p.put("name", name).put("in", in).put("description", description);
        p.putObject("schema").put("type", type).put("uniqueItems", true);
        return p;
    }

    static String tag(ResourceType t) {
        return (t.group().isEmpty() ? "core" : t.group().split("\\.")[0]) + "_" + t.version();
    }

    private static String gvCamel(ResourceType t) {
        String g = t.group().isEmpty() ? "core" : t.group().split("\\.")[0];
        return g.substring(0, 1).toUpperCase(Locale.ROOT) + g.substring(1) + t.version().substring(0, 1).toUpperCase(Locale.ROOT)
                + t.version().substring(1);
    }
}
