package dev.wharf.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.patch.Patches;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.apiserver.registry.Meta;
import dev.wharf.common.Json;
import java.util.ArrayList;
import java.util.List;

/** The {@code scale} subresource of deployments and replicasets, as an autoscaling/v1 Scale. */
public final class ScaleOperation {
    private final ReadOperations reads;
    private final UpdateOperation updates;

    public ScaleOperation(ReadOperations reads, UpdateOperation updates) {
        this.reads = reads;
        this.updates = updates;
    }

    public ObjectNode get(ResourceType type, String namespace, String name) {
        return toScale(reads.get(type, namespace, name).object());
    }

    /** PUT of a Scale: resourceVersion is a precondition; only spec.replicas is taken. */
    public ObjectNode update(ResourceType type, String namespace, String name, ObjectNode scale, WriteOptions options) {
        String kind = scale.path("kind").asText("");
        if (!kind.isEmpty() && !kind.equals("Scale")) {
            throw ApiException.badRequest("the kind of the object (" + kind + ") does not match the kind on the URL (Scale)");
        }
        JsonNode replicas = scale.path("spec").path("replicas");
        if (!replicas.isMissingNode() && !replicas.canConvertToInt()) {
            throw ApiException.badRequest("spec.replicas must be an integer");
        }
        int value = replicas.asInt(0);
        if (value < 0) {
            throw ApiException.invalid("Scale", "autoscaling", name, List.of(new io.fabric8.kubernetes.api.model.StatusCause(
                    "spec.replicas", "Invalid value: " + value + ": must be greater than or equal to 0", "FieldValueInvalid")));
        }
        ObjectNode result = updates.mutate(type, namespace, name, null, options, Meta.resourceVersion(scale), true, live -> {
            (live.get("spec") instanceof ObjectNode s ? s : live.putObject("spec")).put("replicas", value);
            return live;
        });
        return toScale(result);
    }

    public ObjectNode patch(ResourceType type, String namespace, String name, PatchType patchType, JsonNode patch,
            WriteOptions options) {
        ObjectNode current = get(type, namespace, name);
        ObjectNode patched = switch (patchType) {
            case JSON -> Patches.jsonPatch(current, patch);
            case MERGE, STRATEGIC -> Patches.mergePatch(current, patch);
            case APPLY -> throw ApiException.of(415, "UnsupportedMediaType", "apply patches are not supported on the scale subresource");
        };
        String rv = Meta.resourceVersion(patched);
        if (rv.equals(Meta.resourceVersion(current))) {
            Meta.of(patched).remove("resourceVersion");
        }
        return update(type, namespace, name, patched, options);
    }

    static ObjectNode toScale(ObjectNode object) {
        ObjectNode scale = Json.object();
        scale.put("kind", "Scale").put("apiVersion", "autoscaling/v1");
        ObjectNode meta = scale.putObject("metadata");
        JsonNode m = object.path("metadata");
        for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (m.has(f)) {
                meta.set(f, m.get(f));
            }
        }
        scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(1));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", object.path("status").path("replicas").asInt(0));
        status.put("selector", selectorString(object.path("spec").path("selector")));
        return scale;
    }

    /** A LabelSelector in its query-string form ("app=web,tier in (a,b)"). */
    static String selectorString(JsonNode selector) {
        List<String> parts = new ArrayList<>();
        selector.path("matchLabels").properties().forEach(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
        for (JsonNode expr : selector.path("matchExpressions")) {
            String key = expr.path("key").asText();
            List<String> values = new ArrayList<>();
            expr.path("values").forEach(v -> values.add(v.asText()));
            switch (expr.path("operator").asText()) {
                case "In" -> parts.add(key + " in (" + String.join(",", values) + ")");
                case "NotIn" -> parts.add(key + " notin (" + String.join(",", values) + ")");
                case "Exists" -> parts.add(key);
                case "DoesNotExist" -> parts.add("!" + key);
                default -> { }
            }
        }
        return String.join(",", parts);
    }
}
