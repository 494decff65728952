package dev.wharf.controller.runtime.fake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.common.Json;
import dev.wharf.controller.runtime.ApiClient.ListOptions;
import dev.wharf.controller.runtime.select.Selectors;
import java.util.Map;
import java.util.function.Predicate;

/** Namespace, label selector and field selector of a list or watch, applied to stored JSON. */
record Filter(String namespace, Predicate<Map<String, String>> labels, Predicate<JsonNode> fields) {
    static Filter of(ResourceType rt, ListOptions options) {
        String ns = rt.namespaced() && options.namespace() != null && !options.namespace().isEmpty()
                ? options.namespace() : null;
        return new Filter(ns, Selectors.labels(options.labelSelector()), Selectors.fields(rt, options.fieldSelector()));
    }

    @SuppressWarnings("unchecked")
    boolean matches(JsonNode node) {
        JsonNode meta = node.path("metadata");
        if (namespace != null && !namespace.equals(meta.path("namespace").asText())) {
            return false;
        }
        Map<String, String> l = meta.has("labels") ? Json.convert(meta.get("labels"), Map.class) : Map.of();
        return labels.test(l) && fields.test(node);
    }
}
