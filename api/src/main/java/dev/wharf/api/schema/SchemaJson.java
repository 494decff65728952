package dev.wharf.api.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;

/** Renders type-model definitions as OpenAPI v3 schema objects, the way the Kubernetes API server does. */
final class SchemaJson {
    static final String REF_PREFIX = "#/components/schemas/";

    private SchemaJson() {
    }

    static ObjectNode definition(Definition d) {
        ObjectNode s = Json.object();
        if (!d.description().isEmpty()) {
            s.put("description", d.description());
        }
        if (d.scalar() != null) {
            if (d.scalar().kind() == FieldType.Kind.ANY) {
                s.put("type", "object");
            } else {
                s.put("type", "string");
                if (d.scalar().format() != null) {
                    s.put("format", d.scalar().format());
                }
            }
            return s;
        }
        s.put("type", "object");
        if (!d.properties().isEmpty()) {
            ObjectNode props = s.putObject("properties");
            d.properties().values().forEach(p -> props.set(p.name(), property(p)));
        }
        if (!d.required().isEmpty()) {
            ArrayNode req = s.putArray("required");
            d.required().forEach(req::add);
        }
        if (!d.gvks().isEmpty()) {
            ArrayNode gvks = s.putArray("x-kubernetes-group-version-kind");
            for (Definition.Gvk g : d.gvks()) {
                gvks.addObject().put("group", g.group()).put("kind", g.kind()).put("version", g.version());
            }
        }
        return s;
    }

    static ObjectNode property(Property p) {
        ObjectNode s;
        if (p.type().kind() == FieldType.Kind.REF) {
            s = Json.object();
            if (!p.description().isEmpty()) {
                s.put("description", p.description());
            }
            s.putArray("allOf").addObject().put("$ref", REF_PREFIX + p.type().ref());
        } else {
            s = type(p.type());
            if (!p.description().isEmpty()) {
                s.put("description", p.description());
            }
        }
        if (p.listType() != null) {
            s.put("x-kubernetes-list-type", p.listType());
            if (!p.listMapKeys().isEmpty()) {
                ArrayNode keys = s.putArray("x-kubernetes-list-map-keys");
                p.listMapKeys().forEach(keys::add);
            }
        }
        if (p.mergeKey() != null) {
            s.put("x-kubernetes-patch-merge-key", p.mergeKey());
        }
        if (p.patchStrategy() != null) {
            s.put("x-kubernetes-patch-strategy", p.patchStrategy());
        }
        return s;
    }

    static ObjectNode type(FieldType t) {
        ObjectNode s = Json.object();
        switch (t.kind()) {
            case REF -> s.put("$ref", REF_PREFIX + t.ref());
            case ARRAY -> {
                s.put("type", "array");
                s.set("items", withDefault(type(t.items()), t.items()));
            }
            case MAP -> {
                s.put("type", "object");
                s.set("additionalProperties", withDefault(type(t.items()), t.items()));
            }
            case STRING -> s.put("type", "string");
            case INTEGER -> s.put("type", "integer");
            case NUMBER -> s.put("type", "number");
            case BOOLEAN -> s.put("type", "boolean");
            case ANY -> s.put("type", "object");
        }
        if (t.format() != null) {
            s.put("format", t.format());
        }
        return s;
    }

    /** Upstream puts {@code "default": ""} / {@code {}} beside items; kubectl ignores it, so only refs get a wrapper. */
    private static ObjectNode withDefault(ObjectNode schema, FieldType t) {
        if (t.kind() == FieldType.Kind.REF) {
            ObjectNode wrapped = Json.object();
            wrapped.putArray("allOf").add(schema);
            wrapped.putObject("default");
            return wrapped;
        }
        return schema;
    }
}
