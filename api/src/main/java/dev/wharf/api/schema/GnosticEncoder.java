package dev.wharf.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.common.Json;
import java.util.Map;

/**
 * Encodes a Swagger 2.0 JSON document as the gnostic {@code openapi.v2.Document} protobuf (google/gnostic
 * {@code openapiv2/OpenAPIv2.proto}), which kubectl and client-go request from {@code /openapi/v2}. Field numbers
 * are those of that file. Vendor extensions travel as {@code NamedAny} whose {@code Any.yaml} holds the value's
 * JSON text (JSON is YAML, which is how kube-openapi decodes them). Only what Kubernetes documents use is encoded:
 * numeric validation keywords are left out.
 */
final class GnosticEncoder {
    private GnosticEncoder() {
    }

    static byte[] document(JsonNode d) {
        ProtoWriter w = new ProtoWriter();
        w.string(1, d.path("swagger").asText());
        JsonNode info = d.path("info");
        if (info.isObject()) {
            w.message(2, new ProtoWriter().string(1, text(info, "title")).string(2, text(info, "version"))
                    .string(3, text(info, "description")));
        }
        w.string(3, text(d, "host")).string(4, text(d, "basePath"));
        strings(w, 5, d.path("schemes"));
        strings(w, 6, d.path("consumes"));
        strings(w, 7, d.path("produces"));
        if (d.path("paths").isObject()) {
            ProtoWriter paths = new ProtoWriter();
            for (Map.Entry<String, JsonNode> p : d.path("paths").properties()) {
                if (p.getKey().startsWith("x-")) {
                    paths.message(1, namedAny(p.getKey(), p.getValue()));
                } else {
                    paths.message(2, new ProtoWriter().string(1, p.getKey()).message(2, pathItem(p.getValue())));
                }
            }
            w.message(8, paths);
        }
        if (d.path("definitions").isObject()) {
            w.message(9, namedSchemas(d.path("definitions")));
        }
        for (JsonNode req : d.path("security")) {
            ProtoWriter sr = new ProtoWriter();
            for (Map.Entry<String, JsonNode> e : req.properties()) {
                ProtoWriter values = new ProtoWriter();
                strings(values, 1, e.getValue());
                sr.message(1, new ProtoWriter().string(1, e.getKey()).message(2, values));
            }
            w.message(12, sr);
        }
        if (d.path("securityDefinitions").isObject()) {
            ProtoWriter defs = new ProtoWriter();
            for (Map.Entry<String, JsonNode> e : d.path("securityDefinitions").properties()) {
                JsonNode s = e.getValue();
                if (s.path("type").asText().equals("apiKey")) {
                    ProtoWriter key = new ProtoWriter().string(1, "apiKey").string(2, text(s, "name")).string(3, text(s, "in"))
                            .string(4, text(s, "description"));
                    defs.message(1, new ProtoWriter().string(1, e.getKey()).message(2, new ProtoWriter().message(2, key)));
                }
            }
            w.message(13, defs);
        }
        extensions(w, 16, d);
        return w.toByteArray();
    }

    private static ProtoWriter pathItem(JsonNode item) {
        ProtoWriter w = new ProtoWriter();
        String[] methods = {null, null, "get", "put", "post", "delete", "options", "head", "patch"};
        for (int field = 2; field <= 8; field++) {
            JsonNode op = item.get(methods[field]);
            if (op != null && op.isObject()) {
                w.message(field, operation(op));
            }
        }
        for (JsonNode p : item.path("parameters")) {
            w.message(9, parametersItem(p));
        }
        extensions(w, 10, item);
        return w;
    }

    private static ProtoWriter operation(JsonNode op) {
        ProtoWriter w = new ProtoWriter();
        strings(w, 1, op.path("tags"));
        w.string(2, text(op, "summary")).string(3, text(op, "description")).string(5, text(op, "operationId"));
        strings(w, 6, op.path("produces"));
        strings(w, 7, op.path("consumes"));
        for (JsonNode p : op.path("parameters")) {
            w.message(8, parametersItem(p));
        }
        if (op.path("responses").isObject()) {
            ProtoWriter rs = new ProtoWriter();
            for (Map.Entry<String, JsonNode> e : op.path("responses").properties()) {
                JsonNode r = e.getValue();
                ProtoWriter response = new ProtoWriter().string(1, text(r, "description"));
                if (r.path("schema").isObject()) {
                    response.message(2, new ProtoWriter().message(1, schema(r.path("schema"))));
                }
                rs.message(1, new ProtoWriter().string(1, e.getKey()).message(2, new ProtoWriter().message(1, response)));
            }
            w.message(9, rs);
        }
        strings(w, 10, op.path("schemes"));
        w.bool(11, op.path("deprecated").asBoolean());
        extensions(w, 13, op);
        return w;
    }

    private static ProtoWriter parametersItem(JsonNode p) {
        if (p.has("$ref")) {
            return new ProtoWriter().message(2, new ProtoWriter().string(1, text(p, "$ref")).string(2, text(p, "description")));
        }
        ProtoWriter parameter = new ProtoWriter();
        String in = p.path("in").asText();
        if (in.equals("body")) {
            ProtoWriter body = new ProtoWriter().string(1, text(p, "description")).string(2, text(p, "name")).string(3, in)
                    .bool(4, p.path("required").asBoolean());
            if (p.path("schema").isObject()) {
                body.message(5, schema(p.path("schema")));
            }
            extensions(body, 6, p);
            parameter.message(1, body);
        } else {
            // header and path sub-schemas have no allowEmptyValue, so their later fields sit one number lower
            boolean shifted = in.equals("header") || in.equals("path");
            int oneofField = switch (in) {
                case "header" -> 1;
                case "formData" -> 2;
                case "path" -> 4;
                default -> 3;
            };
            int d = shifted ? 1 : 0;
            ProtoWriter sub = new ProtoWriter().bool(1, p.path("required").asBoolean()).string(2, in)
                    .string(3, text(p, "description")).string(4, text(p, "name")).string(6 - d, text(p, "type"))
                    .string(7 - d, text(p, "format")).bool(20 - d, p.path("uniqueItems").asBoolean());
            extensions(sub, 23 - d, p);
            parameter.message(2, new ProtoWriter().message(oneofField, sub));
        }
        return new ProtoWriter().message(1, parameter);
    }

    static ProtoWriter schema(JsonNode s) {
        ProtoWriter w = new ProtoWriter();
        w.string(1, text(s, "$ref")).string(2, text(s, "format")).string(3, text(s, "title")).string(4, text(s, "description"));
        if (s.has("default")) {
            w.message(5, any(s.get("default")));
        }
        w.bool(16, s.path("uniqueItems").asBoolean());
        strings(w, 19, s.path("required"));
        for (JsonNode e : s.path("enum")) {
            w.message(20, any(e));
        }
        JsonNode ap = s.get("additionalProperties");
        if (ap != null) {
            w.message(21, ap.isBoolean() ? new ProtoWriter().bool(2, ap.asBoolean()) : new ProtoWriter().message(1, schema(ap)));
        }
        JsonNode type = s.get("type");
        if (type != null) {
            ProtoWriter t = new ProtoWriter();
            strings(t, 1, type);
            w.message(22, t);
        }
        JsonNode items = s.get("items");
        if (items != null) {
            ProtoWriter it = new ProtoWriter();
            if (items.isArray()) {
                items.forEach(i -> it.message(1, schema(i)));
            } else {
                it.message(1, schema(items));
            }
            w.message(23, it);
        }
        for (JsonNode a : s.path("allOf")) {
            w.message(24, schema(a));
        }
        if (s.path("properties").isObject()) {
            w.message(25, namedSchemas(s.path("properties")));
        }
        w.bool(27, s.path("readOnly").asBoolean());
        extensions(w, 31, s);
        return w;
    }

    /** {@code Definitions} and {@code Properties} share one shape: repeated NamedSchema at field 1. */
    private static ProtoWriter namedSchemas(JsonNode map) {
        ProtoWriter w = new ProtoWriter();
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            w.message(1, new ProtoWriter().string(1, e.getKey()).message(2, schema(e.getValue())));
        }
        return w;
    }

    private static void extensions(ProtoWriter w, int field, JsonNode node) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getKey().startsWith("x-")) {
                w.message(field, namedAny(e.getKey(), e.getValue()));
            }
        }
    }

    private static ProtoWriter namedAny(String name, JsonNode value) {
        return new ProtoWriter().string(1, name).message(2, any(value));
    }

    /** gnostic's {@code Any}: the value's text in {@code yaml} (field 2); JSON text is valid YAML. */
    private static ProtoWriter any(JsonNode value) {
        return new ProtoWriter().string(2, Json.string(value) + "\n");
    }

    private static void strings(ProtoWriter w, int field, JsonNode values) {
        if (values.isTextual()) {
            w.string(field, values.asText());
        } else {
            values.forEach(v -> w.string(field, v.asText()));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
