package dev.wharf.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Swagger 2.0 document of {@code GET /openapi/v2}, which older clients (kubectl up to 1.27, client-go
 * {@code OpenAPISchema()}) read to validate manifests, compute strategic merge patches and explain fields. It is
 * built from the same model as the v3 documents of {@link OpenApi}: every group-version's paths and schemas merged,
 * converted to v2 shapes ({@link SwaggerConverter}). Both renderings, JSON and the gnostic protobuf
 * ({@link GnosticEncoder}), are computed once, on first use; the accessors hand out copies.
 */
public final class OpenApiV2 {
    /**
     * The media type of the protobuf rendering in responses, as kube-apiserver sends it (clients ask with the older
     * {@code ...spec.v2@v1.0+protobuf}, which Go's mime parser rejects in a Content-Type).
     */
    public static final String PROTOBUF_MEDIA_TYPE = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private final OpenApi v3;
    private volatile ObjectNode document;
    private volatile byte[] json;
    private volatile byte[] protobuf;

    public OpenApiV2(OpenApi v3) {
        this.v3 = v3;
    }

    /** The whole Swagger 2.0 document (a copy). */
    public ObjectNode document() {
        return built().deepCopy();
    }

    /** The document as JSON, serialized once. */
    public byte[] json() {
        byte[] b = json;
        if (b == null) {
            synchronized (this) {
                if (json == null) {
                    json = Json.bytes(built());
                }
                b = json;
            }
        }
        return b.clone();
    }

    /** The document as a gnostic {@code openapi.v2.Document} protobuf, encoded once. */
    public byte[] protobuf() {
        byte[] b = protobuf;
        if (b == null) {
            synchronized (this) {
                if (protobuf == null) {
                    protobuf = GnosticEncoder.document(built());
                }
                b = protobuf;
            }
        }
        return b.clone();
    }

    private ObjectNode built() {
        ObjectNode d = document;
        if (d == null) {
            synchronized (this) {
                if (document == null) {
                    document = build();
                }
                d = document;
            }
        }
        return d;
    }

    private ObjectNode build() {
        ObjectNode paths = Json.object();
        Map<String, JsonNode> schemas = new TreeMap<>();
        for (Iterator<String> gvs = v3.root().path("paths").fieldNames(); gvs.hasNext();) {
            JsonNode doc = v3.groupVersion(gvs.next()).orElseThrow();
            doc.path("paths").properties().forEach(p -> paths.set(p.getKey(), SwaggerConverter.pathItem(p.getValue())));
            doc.path("components").path("schemas").properties()
                    .forEach(s -> schemas.putIfAbsent(s.getKey(), SwaggerConverter.schema(s.getValue())));
        }
        ObjectNode out = Json.object();
        out.put("swagger", "2.0");
        out.putObject("info").put("title", "Kubernetes").put("version", "v1.32.0");
        out.set("paths", paths);
        ObjectNode definitions = out.putObject("definitions");
        schemas.forEach(definitions::set);
        out.putObject("securityDefinitions").putObject("BearerToken").put("description", "Bearer Token authentication")
                .put("type", "apiKey").put("name", "authorization").put("in", "header");
        out.putArray("security").addObject().putArray("BearerToken");
        return out;
    }
}
