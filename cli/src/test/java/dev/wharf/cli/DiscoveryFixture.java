package dev.wharf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.common.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** Discovery documents (/api, /apis, per group version) for Wharf's built-in kinds, as a server would serve them. */
public final class DiscoveryFixture {
    private DiscoveryFixture() {
    }

    /** Path to document. */
    public static Map<String, JsonNode> documents() {
        ResourceTypes types = ResourceTypes.builtIn();
        Map<String, JsonNode> docs = new LinkedHashMap<>();
        ObjectNode api = Json.object().put("kind", "APIVersions");
        api.putArray("versions").add("v1");
        docs.put("/api", api);
        ObjectNode apis = Json.object().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = apis.putArray("groups");
        for (String gv : types.groupVersions()) {
            ObjectNode list = Json.object().put("kind", "APIResourceList").put("apiVersion", "v1").put("groupVersion", gv);
            ArrayNode resources = list.putArray("resources");
            for (ResourceType t : types.all()) {
                if (!t.apiVersion().equals(gv)) {
                    continue;
                }
                ObjectNode r = resources.addObject().put("name", t.plural()).put("singularName", t.singular())
                        .put("namespaced", t.namespaced()).put("kind", t.kind());
                ArrayNode verbs = r.putArray("verbs");
                ResourceType.ALL_VERBS.forEach(verbs::add);
                if (!t.shortNames().isEmpty()) {
                    t.shortNames().forEach(r.putArray("shortNames")::add);
                }
                if (!t.categories().isEmpty()) {
                    t.categories().forEach(r.putArray("categories")::add);
                }
                for (String sub : t.subresources()) {
                    resources.addObject().put("name", t.plural() + "/" + sub).put("namespaced", t.namespaced()).put("kind", t.kind());
                }
            }
            if (gv.equals("v1")) {
                docs.put("/api/v1", list);
            } else {
                docs.put("/apis/" + gv, list);
                String group = gv.substring(0, gv.indexOf('/'));
                ObjectNode g = groups.addObject().put("name", group);
                g.putArray("versions").addObject().put("groupVersion", gv).put("version", gv.substring(gv.indexOf('/') + 1));
                g.putObject("preferredVersion").put("groupVersion", gv).put("version", gv.substring(gv.indexOf('/') + 1));
            }
        }
        docs.put("/apis", apis);
        return docs;
    }
}
