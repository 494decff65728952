package dev.wharf.api.patch;

import dev.wharf.api.schema.Definition;
import dev.wharf.api.schema.FieldType;
import dev.wharf.api.schema.Property;
import dev.wharf.api.schema.TypeModel;

/** Navigation through the type model while walking a JSON tree: the type of a child and its patch metadata. */
final class SchemaPath {
    private SchemaPath() {
    }

    /** The property {@code key} of an object of type {@code t}; null for maps, unknown types and unknown fields. */
    static Property property(TypeModel model, FieldType t, String key) {
        if (t == null || t.kind() != FieldType.Kind.REF) {
            return null;
        }
        Definition d = model.definition(t.ref());
        return d == null ? null : d.property(key);
    }

    /** The type of the value at {@code key} inside a value of type {@code t}, or null when unknown. */
    static FieldType child(TypeModel model, FieldType t, String key) {
        if (t == null) {
            return null;
        }
        if (t.kind() == FieldType.Kind.MAP) {
            return t.items();
        }
        Property p = property(model, t, key);
        return p == null ? null : p.type();
    }

    /** The element type of a list of type {@code t}, or null. */
    static FieldType items(FieldType t) {
        return t != null && t.kind() == FieldType.Kind.ARRAY ? t.items() : null;
    }
}
