package dev.wharf.api.schema;

import com.google.gson.annotations.SerializedName;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.resource.ResourceTypes;
import io.swagger.annotations.ApiModel;
import io.swagger.annotations.ApiModelProperty;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The schemas of every served kind and the types they reference, read once by reflection from the official
 * Kubernetes Java client's model classes (field names, types, descriptions, required fields) and completed with
 * the patch metadata of {@link PatchMetadata}. Immutable; {@link #shared()} is built on first use and cached.
 */
public final class TypeModel {
    private static final String MODELS = "io.kubernetes.client.openapi.models.";
    private static volatile TypeModel shared;

    private final Map<String, Definition> definitions;
    private final Map<String, String> byKind;

    private TypeModel(Map<String, Definition> definitions, Map<String, String> byKind) {
        this.definitions = definitions;
        this.byKind = byKind;
    }

    /** The model of the built-in types, computed once. */
    public static TypeModel shared() {
        TypeModel m = shared;
        if (m == null) {
            synchronized (TypeModel.class) {
                if (shared == null) {
                    shared = build(ResourceTypes.builtIn());
                }
                m = shared;
            }
        }
        return m;
    }

    /** Reads the models of {@code types}, their lists, and the meta types the API serves. */
    public static TypeModel build(ResourceTypes types) {
        Builder b = new Builder();
        Map<String, String> byKind = new LinkedHashMap<>();
        List<String> gvs = types.groupVersions();
        for (ResourceType t : types.all()) {
            Optional<Class<?>> cls = modelClass(t.version(), t.kind());
            if (cls.isEmpty()) {
                continue;
            }
            String name = b.add(cls.get(), List.of(new Definition.Gvk(t.group(), t.version(), t.kind())));
            byKind.put(t.apiVersion() + "/" + t.kind(), name);
            modelClass(t.version(), t.listKind()).ifPresent(l ->
                    b.add(l, List.of(new Definition.Gvk(t.group(), t.version(), t.listKind()))));
        }
        List<Definition.Gvk> everywhere = new ArrayList<>();
        for (String gv : gvs) {
            int slash = gv.indexOf('/');
            everywhere.add(new Definition.Gvk(slash < 0 ? "" : gv.substring(0, slash), gv.substring(slash + 1), ""));
        }
        b.add(load("V1Status").orElseThrow(), List.of(new Definition.Gvk("", "v1", "Status")));
        b.add(load("V1DeleteOptions").orElseThrow(), withKind(everywhere, "DeleteOptions"));
        b.add(load("V1WatchEvent").orElseThrow(), withKind(everywhere, "WatchEvent"));
        String scale = b.add(load("V1Scale").orElseThrow(), List.of(new Definition.Gvk("autoscaling", "v1", "Scale")));
        byKind.put("autoscaling/v1/Scale", scale);
        b.drain();
        b.scalar(DefinitionNames.INT_OR_STRING, "IntOrString is a type that can hold an int32 or a string.  When used in "
                + "JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you "
                + "to have, for example, a JSON field that can accept a name or number.", FieldType.string("int-or-string"));
        b.scalar(DefinitionNames.QUANTITY, "Quantity is a fixed-point representation of a number. It provides convenient "
                + "marshaling/unmarshaling in JSON and YAML, in addition to String() and AsInt64() accessors.\n\nThe "
                + "serialization format is:\n\n``` <quantity>        ::= <signedNumber><suffix>\n```\n\nExamples: "
                + "\"100m\" (0.1), \"1\", \"1.5Gi\", \"128974848\".", FieldType.string(null));
        b.scalar(DefinitionNames.PATCH, "Patch is provided to give a concrete name and type to the Kubernetes PATCH "
                + "request body.", FieldType.of(FieldType.Kind.ANY));
        return new TypeModel(java.util.Collections.unmodifiableMap(b.defs), Map.copyOf(byKind));
    }

    /** Every definition by name, sorted. */
    public Map<String, Definition> definitions() {
        return definitions;
    }

    public Definition definition(String name) {
        return definitions.get(name);
    }

    /** The definition of a served kind, e.g. ("apps/v1", "Deployment"); null when unknown. */
    public Definition forKind(String apiVersion, String kind) {
        String name = byKind.get(apiVersion + "/" + kind);
        return name == null ? null : definitions.get(name);
    }

    public Definition forType(ResourceType type) {
        return forKind(type.apiVersion(), type.kind());
    }

    /** The definition a field of type {@code t} (or of its items) points to, or null. */
    public Definition resolve(FieldType t) {
        while (t != null && (t.kind() == FieldType.Kind.ARRAY || t.kind() == FieldType.Kind.MAP)) {
            t = t.items();
        }
        return t != null && t.kind() == FieldType.Kind.REF ? definitions.get(t.ref()) : null;
    }

    private static List<Definition.Gvk> withKind(List<Definition.Gvk> gvs, String kind) {
        return gvs.stream().map(g -> new Definition.Gvk(g.group(), g.version(), kind)).toList();
    }

    private static Optional<Class<?>> modelClass(String version, String kind) {
        String v = "V" + version.substring(1);
        Optional<Class<?>> c = load(v + kind);
        return c.isPresent() ? c : load("Core" + v + kind);
    }

    private static Optional<Class<?>> load(String simpleName) {
        try {
            return Optional.of(Class.forName(MODELS + simpleName, false, TypeModel.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Walks model classes breadth-first and turns each into a definition. */
    private static final class Builder {
        final Map<String, Definition> defs = new TreeMap<>();
        final Deque<Class<?>> queue = new ArrayDeque<>();
        final Map<String, List<Definition.Gvk>> gvks = new LinkedHashMap<>();

        String add(Class<?> cls, List<Definition.Gvk> gvk) {
            String name = DefinitionNames.definitionName(cls);
            gvks.put(name, gvk);
            queue.add(cls);
            drain();
            return name;
        }

        void scalar(String name, String description, FieldType type) {
            defs.put(name, new Definition(name, description, Map.of(), List.of(), List.of(), type));
        }

        void drain() {
            while (!queue.isEmpty()) {
                Class<?> cls = queue.poll();
                String name = DefinitionNames.definitionName(cls);
                if (defs.containsKey(name)) {
                    continue;
                }
                defs.put(name, read(cls, name));
            }
        }

        private Definition read(Class<?> cls, String name) {
            String local = DefinitionNames.localName(cls);
            Map<String, Property> props = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            Collection<String> requiredStatic = staticSet(cls, "openapiRequiredFields");
            for (Field f : cls.getDeclaredFields()) {
                SerializedName sn = f.getAnnotation(SerializedName.class);
                if (sn == null || Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                String json = sn.value();
                ApiModelProperty doc = getterDoc(cls, f.getName());
                FieldType type = typeOf(f.getGenericType());
                Property p = new Property(json, type, doc == null ? "" : doc.value(), null, null, null, List.of());
                PatchMetadata.Entry patch = PatchMetadata.of(local, json);
                props.put(json, patch == null ? p : p.withPatch(patch));
                if ((doc != null && doc.required()) || requiredStatic.contains(json)) {
                    required.add(json);
                }
            }
            ApiModel model = cls.getAnnotation(ApiModel.class);
            return new Definition(name, model == null ? "" : model.description(), props, required,
                    gvks.getOrDefault(name, List.of()), null);
        }

        private FieldType typeOf(Type t) {
            if (t instanceof ParameterizedType pt) {
                Class<?> raw = (Class<?>) pt.getRawType();
                Type[] args = pt.getActualTypeArguments();
                if (List.class.isAssignableFrom(raw) || java.util.Set.class.isAssignableFrom(raw)) {
                    return FieldType.array(typeOf(args[0]));
                }
                if (Map.class.isAssignableFrom(raw)) {
                    return FieldType.map(typeOf(args[1]));
                }
                return FieldType.of(FieldType.Kind.ANY);
            }
            if (!(t instanceof Class<?> c)) {
                return FieldType.of(FieldType.Kind.ANY);
            }
            if (c == String.class || c.isEnum()) {
                return FieldType.string(null);
            }
            if (c == Integer.class || c == int.class) {
                return FieldType.integer("int32");
            }
            if (c == Long.class || c == long.class) {
                return FieldType.integer("int64");
            }
            if (c == Boolean.class || c == boolean.class) {
                return FieldType.of(FieldType.Kind.BOOLEAN);
            }
            if (c == Double.class || c == Float.class || c == double.class || c == BigDecimal.class) {
                return new FieldType(FieldType.Kind.NUMBER, "double", null, null);
            }
            if (c == OffsetDateTime.class) {
                return FieldType.string("date-time");
            }
            if (c == byte[].class) {
                return FieldType.string("byte");
            }
            if (c.getSimpleName().equals("IntOrString")) {
                return FieldType.ref(DefinitionNames.INT_OR_STRING);
            }
            if (c.getSimpleName().equals("Quantity")) {
                return FieldType.ref(DefinitionNames.QUANTITY);
            }
            if (c.getName().startsWith(MODELS)) {
                queue.add(c);
                return FieldType.ref(DefinitionNames.definitionName(c));
            }
            return FieldType.of(FieldType.Kind.ANY);
        }

        private static ApiModelProperty getterDoc(Class<?> cls, String javaField) {
            String bare = javaField.replaceFirst("^_+", "").toLowerCase(Locale.ROOT);
            for (Method m : cls.getDeclaredMethods()) {
                String n = m.getName().toLowerCase(Locale.ROOT);
                if (m.getParameterCount() == 0 && (n.equals("get" + bare) || n.equals("is" + bare))) {
                    ApiModelProperty a = m.getAnnotation(ApiModelProperty.class);
                    if (a != null) {
                        return a;
                    }
                }
            }
            return null;
        }

        @SuppressWarnings("unchecked")
        private static Collection<String> staticSet(Class<?> cls, String field) {
            try {
                Field f = cls.getDeclaredField(field);
                Object v = f.get(null);
                return v instanceof Collection<?> c ? (Collection<String>) c : List.of();
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return List.of();
            }
        }
    }
}
