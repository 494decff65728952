package dev.wharf.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** ValidateObjectMeta and ValidateObjectMetaUpdate, plus label and annotation maps wherever they occur. */
final class MetaValidation {
    static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

    private MetaValidation() {
    }

    /** Validates {@code metadata}; {@code nameCheck} is the kind's name rule (subdomain, label...). */
    static void objectMeta(Causes causes, JsonNode meta, boolean namespaced, Function<String, List<String>> nameCheck) {
        String name = meta.path("name").asText("");
        String generateName = meta.path("generateName").asText("");
        if (!generateName.isEmpty()) {
            String prefix = generateName.endsWith("-") ? generateName.substring(0, generateName.length() - 1) + "a" : generateName;
            causes.invalidEach("metadata.generateName", generateName, nameCheck.apply(prefix));
        }
        if (name.isEmpty()) {
            if (generateName.isEmpty()) {
                causes.required("metadata.name", "name or generateName is required");
            }
        } else {
            causes.invalidEach("metadata.name", name, nameCheck.apply(name));
        }
        String namespace = meta.path("namespace").asText("");
        if (namespaced) {
            if (namespace.isEmpty()) {
                causes.required("metadata.namespace", "");
            } else {
                causes.invalidEach("metadata.namespace", namespace, Names.dns1123Label(namespace));
            }
        } else if (!namespace.isEmpty()) {
            causes.forbidden("metadata.namespace", "not allowed on this type");
        }
        causes.nonNegative("metadata.generation", meta.get("generation"));
        labels(causes, meta.get("labels"), "metadata.labels");
        annotations(causes, meta.get("annotations"), "metadata.annotations");
        ownerReferences(causes, meta.path("ownerReferences"));
    }

    static void objectMetaUpdate(Causes causes, JsonNode meta, JsonNode old) {
        causes.immutable("metadata.name", meta.get("name"), old.get("name"));
        causes.immutable("metadata.namespace", meta.get("namespace"), old.get("namespace"));
    }

    static void labels(Causes causes, JsonNode labels, String path) {
        if (labels == null || !labels.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            causes.invalidEach(path, e.getKey(), Names.qualifiedName(e.getKey()));
            String value = e.getValue().isNull() ? "" : e.getValue().asText();
            causes.invalidEach(path, value, Names.labelValue(value));
        }
    }

    static void annotations(Causes causes, JsonNode annotations, String path) {
        if (annotations == null || !annotations.isObject()) {
            return;
        }
        long total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            causes.invalidEach(path, e.getKey(), Names.qualifiedName(e.getKey().toLowerCase(Locale.ROOT)));
            total += e.getKey().getBytes(StandardCharsets.UTF_8).length
                    + e.getValue().asText("").getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
            causes.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT);
        }
    }

    private static void ownerReferences(Causes causes, JsonNode refs) {
        int controllers = 0;
        for (int i = 0; i < refs.size(); i++) {
            JsonNode ref = refs.get(i);
            String p = "metadata.ownerReferences[" + i + "]";
            if (ref.path("apiVersion").asText("").isEmpty()) {
                causes.invalid(p + ".apiVersion", ref.path("apiVersion").asText(""), "version must not be empty");
            }
            if (ref.path("kind").asText("").isEmpty()) {
                causes.invalid(p + ".kind", ref.path("kind").asText(""), "kind must not be empty");
            }
            if (ref.path("name").asText("").isEmpty()) {
                causes.invalid(p + ".name", ref.path("name").asText(""), "name must not be empty");
            }
            if (ref.path("uid").asText("").isEmpty()) {
                causes.invalid(p + ".uid", ref.path("uid").asText(""), "uid must not be empty");
            }
            if (ref.path("controller").asBoolean(false)) {
                controllers++;
            }
        }
        if (controllers > 1) {
            causes.invalid("metadata.ownerReferences", new GoValues.Raw("[]v1.OwnerReference{...}"),
                    "Only one reference can have Controller set to true");
        }
    }
}
