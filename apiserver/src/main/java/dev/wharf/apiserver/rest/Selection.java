package dev.wharf.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.selector.FieldSelector;
import dev.wharf.api.selector.LabelSelector;
import dev.wharf.apiserver.registry.Meta;

/** Label and field selectors of a list or watch, together. */
public record Selection(LabelSelector labels, FieldSelector fields, boolean everything) {

    public static Selection of(ResourceType type, ListQuery query) {
        boolean noLabels = query.labelSelector() == null || query.labelSelector().isBlank();
        boolean noFields = query.fieldSelector() == null || query.fieldSelector().isBlank();
        return new Selection(noLabels ? null : LabelSelector.parse(query.labelSelector()),
                noFields ? null : FieldSelector.parse(type, query.fieldSelector()), noLabels && noFields);
    }

    public boolean matches(JsonNode object) {
        if (everything) {
            return true;
        }
        return (labels == null || labels.matches(Meta.labels(object))) && (fields == null || fields.matches(object));
    }
}
