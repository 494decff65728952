package dev.wharf.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.common.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Discovery documents from the resource types: aggregated (apidiscovery.k8s.io/v2, two requests) and legacy
 * (APIVersions, APIGroupList, APIGroup, APIResourceList per group-version).
 */
public final class Discovery {
    public static final String AGGREGATED_CONTENT_TYPE = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    private final ResourceTypes types;

    public Discovery(ResourceTypes types) {
        this.types = types;
    }

    /** {@code /api} or {@code /apis} in the aggregated form. */
    public ObjectNode aggregated(boolean core) {
        ObjectNode list = Json.object().put("kind", "APIGroupDiscoveryList").put("apiVersion", "apidiscovery.k8s.io/v2");
        list.putObject("metadata");
        ArrayNode items = list.putArray("items");
        for (Map.Entry<String, List<ResourceType>> group : groups().entrySet()) {
            if (group.getKey().isEmpty() != core) {
                continue;
            }
            ObjectNode item = items.addObject();
            ObjectNode meta = item.putObject("metadata");
            if (!core) {
                meta.put("name", group.getKey());
            }
            ArrayNode versions = item.putArray("versions");
            for (Map.Entry<String, List<ResourceType>> version : byVersion(group.getValue()).entrySet()) {
                ObjectNode v = versions.addObject().put("version", version.getKey()).put("freshness", "Current");
                ArrayNode resources = v.putArray("resources");
                for (ResourceType t : version.getValue()) {
                    resources.add(aggregatedResource(t));
                }
            }
        }
        return list;
    }

    private static ObjectNode aggregatedResource(ResourceType t) {
        ObjectNode r = Json.object().put("resource", t.plural());
        r.set("responseKind", gvk(t.group(), t.version(), t.kind()));
        r.put("scope", t.namespaced() ? "Namespaced" : "Cluster").put("singularResource", t.singular());
        strings(r.putArray("verbs"), ResourceType.ALL_VERBS);
        if (!t.shortNames().isEmpty()) {
            strings(r.putArray("shortNames"), t.shortNames());
        }
        if (!t.categories().isEmpty()) {
            strings(r.putArray("categories"), t.categories());
        }
        List<Subresources.Sub> subs = Subresources.of(t);
        if (!subs.isEmpty()) {
            ArrayNode sa = r.putArray("subresources");
            for (Subresources.Sub s : subs) {
                ObjectNode so = sa.addObject().put("subresource", s.name());
                so.set("responseKind", gvk(s.group(), s.version(), s.kind()));
                strings(so.putArray("verbs"), s.verbs());
            }
        }
        return r;
    }

    /** {@code /api}: APIVersions. */
    public ObjectNode apiVersions(String serverAddress) {
        ObjectNode o = Json.object().put("kind", "APIVersions");
        strings(o.putArray("versions"), byVersion(groups().getOrDefault("", List.of())).keySet().stream().toList());
        o.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0").put("serverAddress", serverAddress);
        return o;
    }

    /** {@code /apis}: APIGroupList. */
    public ObjectNode apiGroupList() {
        ObjectNode o = Json.object().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = o.putArray("groups");
        for (String g : groups().keySet()) {
            if (!g.isEmpty()) {
                groups.add(apiGroup(g).orElseThrow());
            }
        }
        return o;
    }

    /** {@code /apis/<group>}: APIGroup. */
    public Optional<ObjectNode> apiGroup(String group) {
        List<ResourceType> ts = groups().get(group);
        if (ts == null || group.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode g = Json.object().put("kind", "APIGroup").put("apiVersion", "v1").put("name", group);
        ArrayNode versions = g.putArray("versions");
        for (String v : byVersion(ts).keySet()) {
            versions.addObject().put("groupVersion", group + "/" + v).put("version", v);
        }
        g.set("preferredVersion", versions.get(0).deepCopy());
        return Optional.of(g);
    }

    /** {@code /api/v1} or {@code /apis/<g>/<v>}: APIResourceList. */
    public Optional<ObjectNode> resourceList(String group, String version) {
        List<ResourceType> ts = types.all().stream().filter(t -> t.group().equals(group) && t.version().equals(version)).toList();
        if (ts.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode o = Json.object().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = o.putArray("resources");
        for (ResourceType t : ts) {
            ObjectNode r = resources.addObject().put("name", t.plural()).put("singularName", t.singular())
                    .put("namespaced", t.namespaced()).put("kind", t.kind());
            strings(r.putArray("verbs"), ResourceType.ALL_VERBS);
            if (!t.shortNames().isEmpty()) {
                strings(r.putArray("shortNames"), t.shortNames());
            }
            if (!t.categories().isEmpty()) {
                strings(r.putArray("categories"), t.categories());
            }
            for (Subresources.Sub s : Subresources.of(t)) {
                ObjectNode sr = resources.addObject().put("name", t.plural() + "/" + s.name()).put("singularName", "")
                        .put("namespaced", t.namespaced());
                if (!s.group().equals(t.group()) || !s.version().equals(t.version())) {
                    sr.put("group", s.group()).put("version", s.version());
                }
                sr.put("kind", s.kind());
                strings(sr.putArray("verbs"), s.verbs());
            }
        }
        return Optional.of(o);
    }

    private Map<String, List<ResourceType>> groups() {
        Map<String, List<ResourceType>> groups = new LinkedHashMap<>();
        for (ResourceType t : types.all()) {
            groups.computeIfAbsent(t.group(), g -> new ArrayList<>()).add(t);
        }
        return groups;
    }

    private static Map<String, List<ResourceType>> byVersion(List<ResourceType> ts) {
        Map<String, List<ResourceType>> versions = new LinkedHashMap<>();
        for (ResourceType t : ts) {
            versions.computeIfAbsent(t.version(), v -> new ArrayList<>()).add(t);
        }
        return versions;
    }

    private static ObjectNode gvk(String group, String version, String kind) {
        return Json.object().put("group", group).put("version", version).put("kind", kind);
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
