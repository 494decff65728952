package dev.wharf.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns the pieces of an OpenAPI v3 group-version document into their Swagger 2.0 shapes, the way kube-apiserver
 * publishes {@code /openapi/v2}: {@code #/components/schemas/X} becomes {@code #/definitions/X}, a described
 * {@code allOf: [{$ref}]} wrapper becomes a plain {@code $ref} beside its description and extensions, request bodies
 * become {@code in: body} parameters and parameter schemas are inlined ({@code type}, {@code uniqueItems}).
 */
final class SwaggerConverter {
    static final String V2_REF_PREFIX = "#/definitions/";

    private SwaggerConverter() {
    }

    /** A v3 schema object as a v2 schema object (recursively). */
    static ObjectNode schema(JsonNode v3) {
        ObjectNode out = Json.object();
        JsonNode allOf = v3.get("allOf");
        if (allOf != null && allOf.isArray() && allOf.size() == 1 && !v3.has("$ref") && !v3.has("type")) {
            out.setAll(schema(allOf.get(0)));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v3.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            switch (e.getKey()) {
                case "allOf" -> {
                    if (!out.has("$ref") && !out.has("type")) {
                        ArrayNode all = out.putArray("allOf");
                        v.forEach(s -> all.add(schema(s)));
                    }
                }
                case "$ref" -> out.put("$ref", ref(v.asText()));
                case "properties" -> {
                    ObjectNode props = out.putObject("properties");
                    v.fields().forEachRemaining(p -> props.set(p.getKey(), schema(p.getValue())));
                }
                case "items", "additionalProperties" -> out.set(e.getKey(), v.isObject() ? schema(v) : v);
                case "nullable", "default" -> {
                    // v2 has no nullable; upstream's {} / "" defaults beside refs say nothing kubectl reads
                }
                default -> out.set(e.getKey(), v);
            }
        }
        return out;
    }

    /** A v3 operation (parameters with schemas, requestBody, responses with content) as a v2 operation. */
    static ObjectNode operation(JsonNode v3) {
        ObjectNode out = Json.object();
        JsonNode body = v3.get("requestBody");
        out.set("consumes", mediaTypes(body == null ? null : body.get("content"), "*/*"));
        JsonNode ok = v3.path("responses").path("200");
        out.set("produces", mediaTypes(ok.get("content"), "application/json"));
        for (Iterator<Map.Entry<String, JsonNode>> it = v3.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            switch (e.getKey()) {
                case "requestBody", "parameters" -> {
                    // written together below, the body first as kube-apiserver orders them
                }
                case "responses" -> {
                    ObjectNode rs = out.putObject("responses");
                    e.getValue().fields().forEachRemaining(r -> rs.set(r.getKey(), response(r.getValue())));
                }
                default -> out.set(e.getKey(), e.getValue());
            }
        }
        ArrayNode params = Json.MAPPER.createArrayNode();
        if (body != null) {
            ObjectNode p = params.addObject().put("name", "body").put("in", "body").put("required", true);
            JsonNode s = firstSchema(body.get("content"));
            p.set("schema", s == null ? Json.object() : schema(s));
        }
        v3.path("parameters").forEach(p -> params.add(parameter(p)));
        if (!params.isEmpty()) {
            out.set("parameters", params);
        }
        out.putArray("schemes").add("https");
        return out;
    }

    /** A v3 path item: each operation converted, the shared parameters inlined. */
    static ObjectNode pathItem(JsonNode v3) {
        ObjectNode out = Json.object();
        v3.fields().forEachRemaining(e -> {
            if (e.getKey().equals("parameters")) {
                ArrayNode ps = out.putArray("parameters");
                e.getValue().forEach(p -> ps.add(parameter(p)));
            } else {
                out.set(e.getKey(), operation(e.getValue()));
            }
        });
        return out;
    }

    /** {@code {name, in, description, schema: {type, uniqueItems}}} becomes {@code {name, in, description, type, ...}}. */
    static ObjectNode parameter(JsonNode v3) {
        ObjectNode out = Json.object();
        v3.fields().forEachRemaining(e -> {
            if (e.getKey().equals("schema")) {
                e.getValue().fields().forEachRemaining(s -> out.set(s.getKey(), s.getValue()));
            } else {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    static String ref(String v3Ref) {
        return v3Ref.startsWith(SchemaJson.REF_PREFIX) ? V2_REF_PREFIX + v3Ref.substring(SchemaJson.REF_PREFIX.length()) : v3Ref;
    }

    private static ObjectNode response(JsonNode v3) {
        ObjectNode out = Json.object();
        out.put("description", v3.path("description").asText());
        JsonNode s = firstSchema(v3.get("content"));
        if (s != null) {
            out.set("schema", schema(s));
        }
        return out;
    }

    private static JsonNode firstSchema(JsonNode content) {
        if (content == null || !content.isObject() || content.isEmpty()) {
            return null;
        }
        return content.elements().next().get("schema");
    }

    private static ArrayNode mediaTypes(JsonNode content, String fallback) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        if (content != null) {
            content.fieldNames().forEachRemaining(out::add);
        }
        if (out.isEmpty()) {
            out.add(fallback);
        }
        return out;
    }
}
