package dev.wharf.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.common.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OpenAPI v3 documents Wharf serves ({@code /openapi/v3} and one document per group-version), with complete
 * schemas carrying descriptions, {@code x-kubernetes-group-version-kind}, and the patch merge keys and strategies
 * that kubectl computes its patches from. Also answers schema questions for strict field validation.
 * Documents are computed once, on construction; the accessors hand out copies.
 */
public final class OpenApi {
    private final ResourceTypes types;
    private final TypeModel model;
    private final Map<String, ObjectNode> documents = new LinkedHashMap<>();
    private final Map<String, byte[]> serialized = new LinkedHashMap<>();
    private final ObjectNode root = Json.object();

    public OpenApi(ResourceTypes types) {
        this.types = types;
        this.model = types.all().equals(ResourceTypes.builtIn().all()) ? TypeModel.shared() : TypeModel.build(types);
        ObjectNode rootPaths = root.putObject("paths");
        for (String gv : types.groupVersions()) {
            String path = gv.contains("/") ? "apis/" + gv : "api/" + gv;
            ObjectNode doc = build(gv);
            byte[] bytes = Json.bytes(doc);
            documents.put(path, doc);
            serialized.put(path, bytes);
            rootPaths.putObject(path).put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + hash(bytes));
        }
    }

    /** The type model behind the documents. */
    public TypeModel model() {
        return model;
    }

    /** {@code GET /openapi/v3}: {"paths": {"api/v1": {"serverRelativeURL": "/openapi/v3/api/v1?hash=..."}, ...}}. */
    public ObjectNode root() {
        return root.deepCopy();
    }

    /** The document for "api/v1" or "apis/apps/v1"; empty for an unknown group-version. */
    public Optional<ObjectNode> groupVersion(String path) {
        ObjectNode doc = documents.get(strip(path));
        return doc == null ? Optional.empty() : Optional.of(doc.deepCopy());
    }

    /** The serialized JSON of {@link #groupVersion}, computed once (serve this rather than re-serializing). */
    public Optional<byte[]> groupVersionBytes(String path) {
        byte[] b = serialized.get(strip(path));
        return b == null ? Optional.empty() : Optional.of(b.clone());
    }

    /**
     * The paths of fields in {@code object} that {@code type}'s schema does not declare, formatted as Kubernetes
     * reports them for fieldValidation ({@code .spec.replica}, {@code .spec.template.spec.containers[0].imagePolicy}).
     */
    public List<String> unknownFields(ResourceType type, JsonNode object) {
        Definition d = model.forType(type);
        return d == null ? List.of() : UnknownFields.find(model, d, object);
    }

    private ObjectNode build(String gv) {
        PathsBuilder paths = new PathsBuilder();
        Set<String> refs = new TreeSet<>();
        for (ResourceType t : types.all()) {
            if (!t.apiVersion().equals(gv)) {
                continue;
            }
            Definition d = model.forType(t);
            if (d == null) {
                continue;
            }
            paths.add(t, d.name());
        }
        collectRefs(paths.paths(), refs);
        ObjectNode doc = Json.object();
        doc.put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", "v1.32.0");
        doc.set("paths", paths.paths());
        ObjectNode schemas = doc.putObject("components").putObject("schemas");
        for (String name : closure(refs)) {
            schemas.set(name, SchemaJson.definition(model.definition(name)));
        }
        ObjectNode scheme = doc.with("components").putObject("securitySchemes").putObject("BearerToken");
        scheme.put("type", "apiKey").put("description", "Bearer Token authentication").put("name", "authorization")
                .put("in", "header");
        doc.putArray("security").addObject().putArray("BearerToken");
        return doc;
    }

    private Set<String> closure(Set<String> start) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(start);
        while (!todo.isEmpty()) {
            String n = todo.pop();
            Definition d = model.definition(n);
            if (d == null || !seen.add(n)) {
                continue;
            }
            for (Property p : d.properties().values()) {
                FieldType t = p.type();
                while (t.items() != null) {
                    t = t.items();
                }
                if (t.kind() == FieldType.Kind.REF) {
                    todo.push(t.ref());
                }
            }
        }
        return seen;
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(SchemaJson.REF_PREFIX)) {
                refs.add(ref.asText().substring(SchemaJson.REF_PREFIX.length()));
            }
            node.elements().forEachRemaining(c -> collectRefs(c, refs));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(c -> collectRefs(c, refs));
        }
    }

    private static String strip(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        p = p.startsWith("openapi/v3/") ? p.substring("openapi/v3/".length()) : p;
        int q = p.indexOf('?');
        return q < 0 ? p : p.substring(0, q);
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
