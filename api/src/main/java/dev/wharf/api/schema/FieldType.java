package dev.wharf.api.schema;

/**
 * The type of one field in the type model.
 *
 * @param kind   what shape the JSON value has
 * @param format OpenAPI format ("int32", "int64", "date-time", "byte", "double"), or null
 * @param ref    the definition name for {@link Kind#REF}, e.g. "io.k8s.api.apps.v1.DeploymentSpec"
 * @param items  the element type of an {@link Kind#ARRAY} or the value type of a {@link Kind#MAP}
 */
public record FieldType(Kind kind, String format, String ref, FieldType items) {

    /** JSON shapes a field can have. */
    public enum Kind { STRING, INTEGER, NUMBER, BOOLEAN, REF, ARRAY, MAP, ANY }

    public static FieldType string(String format) {
        return new FieldType(Kind.STRING, format, null, null);
    }

    public static FieldType integer(String format) {
        return new FieldType(Kind.INTEGER, format, null, null);
    }

    public static FieldType ref(String name) {
        return new FieldType(Kind.REF, null, name, null);
    }

    public static FieldType array(FieldType items) {
        return new FieldType(Kind.ARRAY, null, null, items);
    }

    public static FieldType map(FieldType values) {
        return new FieldType(Kind.MAP, null, null, values);
    }

    public static FieldType of(Kind kind) {
        return new FieldType(kind, null, null, null);
    }

    public boolean isPrimitive() {
        return kind == Kind.STRING || kind == Kind.INTEGER || kind == Kind.NUMBER || kind == Kind.BOOLEAN;
    }
}
