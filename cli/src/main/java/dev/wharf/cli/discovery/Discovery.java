package dev.wharf.cli.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The server's discovery documents, read as kubectl reads them: {@code /api} and {@code /apis} for the group
 * versions, then {@code /api/v1} and {@code /apis/GROUP/VERSION} for their resources. Each document is fetched at
 * most once per command; a group version that fails to answer is skipped for lookups by name (as kubectl does).
 */
public final class Discovery {
    private final Function<String, JsonNode> fetch;
    private final Map<String, List<ApiResource>> byGroupVersion = new LinkedHashMap<>();
    private List<String> preferred;

    /** {@code fetch} GETs a path ("/api") and returns the parsed JSON, throwing on failure. */
    public Discovery(Function<String, JsonNode> fetch) {
        this.fetch = fetch;
    }

    /** The preferred version of every group, core "v1" first, in the server's order. */
    public List<String> preferredGroupVersions() {
        if (preferred == null) {
            List<String> gvs = new ArrayList<>();
            JsonNode core = fetch.apply("/api");
            for (JsonNode v : core.path("versions")) {
                gvs.add(v.asText());
                break;
            }
            JsonNode groups = fetch.apply("/apis");
            for (JsonNode g : groups.path("groups")) {
                String gv = g.path("preferredVersion").path("groupVersion").asText("");
                if (gv.isEmpty() && g.path("versions").size() > 0) {
                    gv = g.path("versions").get(0).path("groupVersion").asText();
                }
                if (!gv.isEmpty()) {
                    gvs.add(gv);
                }
            }
            preferred = List.copyOf(gvs);
        }
        return preferred;
    }

    /** Every resource (no subresources) of the preferred versions, in discovery order. */
    public List<ApiResource> preferredResources() {
        List<ApiResource> all = new ArrayList<>();
        for (String gv : preferredGroupVersions()) {
            all.addAll(resourcesOrNone(gv));
        }
        return all;
    }

    /** The resources of a group version, or none when it does not answer (kubectl carries on without it too). */
    public List<ApiResource> resourcesOrNone(String groupVersion) {
        try {
            return resources(groupVersion);
        } catch (RuntimeException unavailable) {
            if (!dev.wharf.cli.http.ApiErrors.isNotFound(unavailable)
                    && !(unavailable instanceof io.fabric8.kubernetes.client.KubernetesClientException k && k.getCode() >= 400)) {
                throw unavailable;
            }
            byGroupVersion.put(groupVersion, List.of());
            return List.of();
        }
    }

    /** The resources of one group version ("v1", "apps/v1"). */
    public List<ApiResource> resources(String groupVersion) {
        List<ApiResource> cached = byGroupVersion.get(groupVersion);
        if (cached != null) {
            return cached;
        }
        String path = groupVersion.contains("/") ? "/apis/" + groupVersion : "/api/" + groupVersion;
        List<ApiResource> resources = parse(groupVersion, fetch.apply(path));
        byGroupVersion.put(groupVersion, resources);
        return resources;
    }

    /** Parses an {@code APIResourceList}, dropping subresources ("deployments/scale"). */
    static List<ApiResource> parse(String groupVersion, JsonNode list) {
        int slash = groupVersion.indexOf('/');
        String group = slash < 0 ? "" : groupVersion.substring(0, slash);
        String version = slash < 0 ? groupVersion : groupVersion.substring(slash + 1);
        List<ApiResource> resources = new ArrayList<>();
        for (JsonNode r : list.path("resources")) {
            String name = r.path("name").asText();
            if (name.isEmpty() || name.contains("/")) {
                continue;
            }
            resources.add(new ApiResource(
                    r.path("group").asText(group).isEmpty() ? group : r.path("group").asText(group),
                    r.path("version").asText(version).isEmpty() ? version : r.path("version").asText(version),
                    r.path("kind").asText(), name, r.path("singularName").asText(""), r.path("namespaced").asBoolean(),
                    strings(r.path("shortNames")), strings(r.path("categories")), strings(r.path("verbs"))));
        }
        return resources;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (JsonNode v : array) {
            values.add(v.asText());
        }
        return values;
    }
}
