package dev.wharf.api.schema;

import java.util.List;

/**
 * One field of a definition, with the patch metadata Kubernetes attaches to it.
 *
 * @param name          the JSON name
 * @param type          its type
 * @param description   the upstream description ("" if none)
 * @param patchStrategy "merge", "retainKeys", "merge,retainKeys" or null
 * @param mergeKey      the patch merge key of a list of objects, or null
 * @param listType      "atomic", "set", "map" or null
 * @param listMapKeys   the keys of a list of listType map
 */
public record Property(String name, FieldType type, String description, String patchStrategy, String mergeKey,
        String listType, List<String> listMapKeys) {

    public Property {
        listMapKeys = listMapKeys == null ? List.of() : List.copyOf(listMapKeys);
        description = description == null ? "" : description;
    }

    public boolean mergeStrategy() {
        return patchStrategy != null && patchStrategy.contains("merge");
    }

    public Property withPatch(PatchMetadata.Entry patch) {
        return new Property(name, type, description, patch.strategy(), patch.mergeKey(), patch.listType(), patch.mapKeys());
    }
}
