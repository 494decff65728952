package dev.wharf.apiserver.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.table.Tables;
import dev.wharf.apiserver.rest.ListResult;
import dev.wharf.common.Clock;
import dev.wharf.common.Json;
import java.util.List;

/** Objects and lists as the client asked: plain JSON, or a meta.k8s.io/v1 Table. */
public final class Renderer {
    private final Clock clock;

    public Renderer(Clock clock) {
        this.clock = clock;
    }

    public ObjectNode list(ResourceType type, ListResult result) {
        ObjectNode list = Json.object().put("kind", type.listKind()).put("apiVersion", type.apiVersion());
        ObjectNode meta = list.putObject("metadata").put("resourceVersion", Long.toString(result.revision()));
        if (result.continueToken() != null) {
            meta.put("continue", result.continueToken());
        }
        ArrayNode items = list.putArray("items");
        result.items().forEach(items::add);
        return list;
    }

    public ObjectNode table(ResourceType type, List<ObjectNode> objects, String includeObject, boolean withColumns,
            String resourceVersion, String continueToken) {
        ObjectNode table = Tables.table(type, objects, clock.now(), includeObject, withColumns);
        ObjectNode meta = table.get("metadata") instanceof ObjectNode m ? m : table.putObject("metadata");
        if (resourceVersion != null) {
            meta.put("resourceVersion", resourceVersion);
        }
        if (continueToken != null) {
            meta.put("continue", continueToken);
        }
        return table;
    }
}
