package dev.wharf.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.apiserver.registry.Keys;
import dev.wharf.apiserver.registry.Meta;
import dev.wharf.apiserver.registry.StoredObject;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.List;
import java.util.Optional;

/** POST on a collection: checks, system fields, admission, then a create-if-absent in the store. */
public final class CreateOperation {
    private static final int GENERATE_NAME_ATTEMPTS = 8;
    private final RestContext ctx;

    public CreateOperation(RestContext ctx) {
        this.ctx = ctx;
    }

    public ObjectNode create(ResourceType type, String namespace, ObjectNode body, WriteOptions options) {
        return create(type, namespace, body, options, true);
    }

    /** {@code trackUpdate} false when the caller (server-side apply) has already set managedFields. */
    public ObjectNode create(ResourceType type, String namespace, ObjectNode body, WriteOptions options,
            boolean trackUpdate) {
        BodyChecks.checkKind(type, body, type.kind(), type.apiVersion());
        BodyChecks.checkNamespace(type, body, namespace);
        ObjectNode meta = Meta.of(body);
        String ns = type.namespaced() ? Meta.namespace(body) : null;
        ctx.admission().checkUnknownFields(type, body, options);
        NamespaceGuard.checkWritable(ctx.storage(), type, ns);
        boolean generate = Meta.name(body).isEmpty();
        String generateName = Meta.text(meta, "generateName");
        if (generate && generateName.isEmpty()) {
            throw ApiException.invalid(type.kind(), type.group(), "", List.of(new StatusCause("metadata.name",
                    "Required value: name or generateName is required", "FieldValueRequired")));
        }
        prepare(type, body, trackUpdate);
        ctx.admission().defaults(type, body);
        String allocatedIp = allocateClusterIp(type, body, ns);
        List<Integer> nodePorts = List.of();
        try {
            if (type.equals(ResourceTypes.SERVICES)) {
                nodePorts = ctx.nodePorts().assign(body, null, null);
            }
            for (int attempt = 0; ; attempt++) {
                if (generate) {
                    meta.put("name", generateName + ctx.suffix());
                }
                ctx.admission().validate(type, body, null);
                ObjectNode toStore = body.deepCopy();
                if (trackUpdate) {
                    ctx.admission().recordUpdate(type, null, toStore, options.managerOr("unknown"), null, ctx.clock().now());
                }
                String key = Keys.key(type, ns, Meta.name(toStore));
                if (options.dryRun()) {
                    if (ctx.storage().get(key).isPresent() && !generate) {
                        throw ApiException.alreadyExists(type.qualifiedName(), type.group(), Meta.name(toStore));
                    }
                    return toStore;
                }
                Optional<StoredObject> created = ctx.storage().create(key, toStore);
                if (created.isPresent()) {
                    return created.get().object();
                }
                if (!generate || attempt + 1 >= GENERATE_NAME_ATTEMPTS) {
                    throw ApiException.alreadyExists(type.qualifiedName(), type.group(), Meta.name(toStore));
                }
            }
        } finally {
            ctx.nodePorts().release(nodePorts);
            if (allocatedIp != null) {
                ctx.clusterIps().release(allocatedIp);
            }
        }
    }

    /** System-owned metadata and per-kind initial state. */
    private void prepare(ResourceType type, ObjectNode body, boolean trackUpdate) {
        ObjectNode meta = Meta.of(body);
        meta.remove(List.of("resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"));
        if (trackUpdate) {
            meta.remove("managedFields");
        }
        meta.put("uid", ctx.uid());
        meta.put("creationTimestamp", ctx.now());
        meta.put("generation", 1);
        if (type.equals(ResourceTypes.NAMESPACES)) {
            ObjectNode spec = body.has("spec") && body.get("spec").isObject() ? (ObjectNode) body.get("spec") : body.putObject("spec");
            if (!spec.has("finalizers")) {
                spec.putArray("finalizers").add("kubernetes");
            }
            body.putObject("status").put("phase", "Active");
        } else if (type.equals(ResourceTypes.PODS)) {
            JsonNode status = body.get("status");
            ObjectNode s = status instanceof ObjectNode o ? o : body.putObject("status");
            if (!s.has("phase")) {
                s.put("phase", "Pending");
            }
        }
    }

    private String allocateClusterIp(ResourceType type, ObjectNode body, String ns) {
        if (!type.equals(ResourceTypes.SERVICES)) {
            return null;
        }
        ObjectNode spec = body.get("spec") instanceof ObjectNode o ? o : body.putObject("spec");
        if ("ExternalName".equals(spec.path("type").asText())) {
            return null;
        }
        String requested = spec.path("clusterIP").asText("");
        if (requested.isEmpty() && spec.path("clusterIPs").isArray() && !spec.path("clusterIPs").isEmpty()) {
            requested = spec.path("clusterIPs").get(0).asText();
        }
        if ("None".equals(requested)) {
            spec.put("clusterIP", "None");
            spec.putArray("clusterIPs").add("None");
            return null;
        }
        String ip;
        if (requested.isEmpty()) {
            ip = ctx.clusterIps().allocate();
        } else {
            ctx.clusterIps().reserve(requested, Keys.key(type, ns, Meta.name(body)));
            ip = requested;
        }
        spec.put("clusterIP", ip);
        ArrayNode ips = spec.putArray("clusterIPs");
        ips.add(ip);
        return ip;
    }
}
