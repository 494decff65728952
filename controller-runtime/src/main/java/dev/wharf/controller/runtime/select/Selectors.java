package dev.wharf.controller.runtime.select;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.selector.FieldSelector;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Label and field selectors as predicates, for the fake API client and the controllers; the parsing and the
 * semantics are the API module's ({@code dev.wharf.api.selector}), the same the apiserver applies.
 */
public final class Selectors {
    private Selectors() {
    }

    /** The string form: "a=b,c!=d,e in (x,y),f notin (z),g,!h". Null or blank matches everything. */
    public static Predicate<Map<String, String>> labels(String selector) {
        dev.wharf.api.selector.LabelSelector parsed = dev.wharf.api.selector.LabelSelector.parse(selector);
        return labels -> parsed.matches(labels == null ? Map.of() : labels);
    }

    /** A manifest's structured selector; null matches nothing, empty matches everything (as for workloads). */
    public static Predicate<Map<String, String>> labels(LabelSelector selector) {
        dev.wharf.api.selector.LabelSelector parsed = dev.wharf.api.selector.LabelSelector.of(selector);
        return labels -> parsed.matches(labels == null ? Map.of() : labels);
    }

    /** "metadata.name=web,status.phase!=Running" over the fields {@code type} supports (400 otherwise). */
    public static Predicate<JsonNode> fields(ResourceType type, String selector) {
        return FieldSelector.parse(type, selector)::matches;
    }
}
