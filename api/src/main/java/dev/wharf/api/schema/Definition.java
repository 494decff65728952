package dev.wharf.api.schema;

import java.util.List;
import java.util.Map;

/**
 * One named schema of the type model, like an entry of {@code components.schemas} upstream.
 *
 * @param name        e.g. "io.k8s.api.apps.v1.Deployment"
 * @param description upstream description of the type
 * @param properties  fields in declaration order
 * @param required    required field names
 * @param gvks        group-version-kinds for top-level kinds (empty otherwise)
 * @param scalar      for scalar-like definitions (IntOrString, Quantity): their type; null for objects
 */
public record Definition(String name, String description, Map<String, Property> properties, List<String> required,
        List<Gvk> gvks, FieldType scalar) {

    /** A group, version and kind. */
    public record Gvk(String group, String version, String kind) {
    }

    public Definition {
        properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
        required = List.copyOf(required);
        gvks = List.copyOf(gvks);
    }

    public Property property(String field) {
        return properties.get(field);
    }
}
