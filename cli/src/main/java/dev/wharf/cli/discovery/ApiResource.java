package dev.wharf.cli.discovery;

import java.util.List;
import java.util.Locale;

/**
 * One resource type as the server's discovery describes it ({@code APIResource} in an {@code APIResourceList}).
 *
 * @param group ""  for the core group
 */
public record ApiResource(String group, String version, String kind, String plural, String singular,
        boolean namespaced, List<String> shortNames, List<String> categories, List<String> verbs) {

    public ApiResource {
        shortNames = List.copyOf(shortNames);
        categories = List.copyOf(categories);
        verbs = List.copyOf(verbs);
        if (singular == null || singular.isEmpty()) {
            singular = kind.toLowerCase(Locale.ROOT);
        }
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** "/apis/apps/v1" or "/api/v1". */
    public String groupVersionPath() {
        return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    }

    /** The collection path, namespaced when {@code namespace} is given and the kind is namespaced. */
    public String collectionPath(String namespace) {
        if (namespaced && namespace != null) {
            return groupVersionPath() + "/namespaces/" + namespace + "/" + plural;
        }
        return groupVersionPath() + "/" + plural;
    }

    /** "deployments.apps" or "pods": how Kubernetes names the resource in messages. */
    public String qualifiedPlural() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    /** "deployment.apps" or "pod": the prefix of {@code -o name} and of apply's output. */
    public String qualifiedKind() {
        String lower = kind.toLowerCase(Locale.ROOT);
        return group.isEmpty() ? lower : lower + "." + group;
    }

    /** "Deployment.apps" or "Pod": how Invalid errors name the kind. */
    public String kindWithGroup() {
        return group.isEmpty() ? kind : kind + "." + group;
    }

    public boolean supports(String verb) {
        return verbs.isEmpty() || verbs.contains(verb);
    }

    /** Whether the user's word names this resource: plural, singular, short name or kind, any case. */
    public boolean answersTo(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return plural.equals(w) || singular.equals(w) || kind.toLowerCase(Locale.ROOT).equals(w)
                || shortNames.stream().anyMatch(s -> s.equalsIgnoreCase(w));
    }
}
