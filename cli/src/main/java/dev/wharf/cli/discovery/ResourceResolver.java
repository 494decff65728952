package dev.wharf.cli.discovery;

import dev.wharf.cli.CliException;
import dev.wharf.cli.http.ApiErrors;
import java.util.List;
import java.util.Locale;

/**
 * Resolves what a user types ("deploy", "deployments.apps", "po", "Service", "all") and what a manifest says
 * (apiVersion + kind) to the resources the server serves, the way kubectl's RESTMapper does.
 */
public final class ResourceResolver {
    private final Discovery discovery;

    public ResourceResolver(Discovery discovery) {
        this.discovery = discovery;
    }

    /**
     * One or more resources for a word: a category such as "all" gives every resource in it, anything else
     * exactly one. Forms: NAME, NAME.GROUP, NAME.VERSION.GROUP, where NAME is plural, singular, short name or kind.
     */
    public List<ApiResource> resolve(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (String gv : discovery.preferredGroupVersions()) {
            // Group versions are read one by one and the search stops at the first match: "get pods" reads only v1.
            for (ApiResource r : discovery.resourcesOrNone(gv)) {
                if (r.answersTo(w)) {
                    return List.of(r);
                }
            }
        }
        List<ApiResource> all = discovery.preferredResources();
        int dot = w.indexOf('.');
        if (dot > 0) {
            String name = w.substring(0, dot);
            String rest = w.substring(dot + 1);
            for (ApiResource r : all) {
                if (r.answersTo(name) && r.group().equals(rest)) {
                    return List.of(r);
                }
            }
            int second = rest.indexOf('.');
            if (second > 0) {
                String version = rest.substring(0, second);
                String group = rest.substring(second + 1);
                String gv = group.isEmpty() ? version : group + "/" + version;
                try {
                    for (ApiResource r : discovery.resources(gv)) {
                        if (r.answersTo(name)) {
                            return List.of(r);
                        }
                    }
                } catch (RuntimeException e) {
                    if (!ApiErrors.isNotFound(e)) {
                        throw e;
                    }
                }
            }
        }
        List<ApiResource> category = all.stream().filter(r -> r.categories().contains(w)).toList();
        if (!category.isEmpty()) {
            return category;
        }
        throw new CliException("error: the server doesn't have a resource type \"" + word + "\"");
    }

    /** Exactly one resource; a category is refused. */
    public ApiResource resolveOne(String word) {
        List<ApiResource> found = resolve(word);
        if (found.size() != 1 || !found.get(0).answersTo(word.contains(".") ? word.substring(0, word.indexOf('.')) : word)) {
            throw new CliException("error: \"" + word + "\" names a category of several resource types; name one type");
        }
        return found.get(0);
    }

    /** The resource of a manifest's apiVersion and kind. */
    public ApiResource forKind(String apiVersion, String kind) {
        List<ApiResource> resources;
        try {
            resources = discovery.resources(apiVersion);
        } catch (RuntimeException e) {
            if (!ApiErrors.isNotFound(e)) {
                throw e;
            }
            throw new CliException("no matches for kind \"" + kind + "\" in version \"" + apiVersion
                    + "\": the server does not serve " + apiVersion, e);
        }
        for (ApiResource r : resources) {
            if (r.kind().equals(kind)) {
                return r;
            }
        }
        throw new CliException("no matches for kind \"" + kind + "\" in version \"" + apiVersion + "\"");
    }
}
