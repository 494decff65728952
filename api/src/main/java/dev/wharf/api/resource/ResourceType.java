package dev.wharf.api.resource;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Set;

/**
 * One kind of resource the API serves: where it lives on the wire and how discovery describes it.
 *
 * @param group        API group, "" for core
 * @param version      API version, e.g. "v1"
 * @param kind         e.g. "Deployment"
 * @param plural       the URL segment, e.g. "deployments"
 * @param singular     e.g. "deployment"
 * @param namespaced   true for namespaced kinds
 * @param shortNames   e.g. ["deploy"]
 * @param categories   e.g. ["all"]
 * @param subresources e.g. {"status", "scale"}
 * @param modelClass   the fabric8 model class
 */
public record ResourceType(
        String group,
        String version,
        String kind,
        String plural,
        String singular,
        boolean namespaced,
        List<String> shortNames,
        List<String> categories,
        Set<String> subresources,
        Class<? extends HasMetadata> modelClass) {

    public static final List<String> ALL_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    /** "apps/v1", or "v1" for the core group. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** "deployments.apps", or "pods" for the core group: how Kubernetes names a resource in messages. */
    public String qualifiedName() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    /** "/apis/apps/v1" or "/api/v1". */
    public String pathPrefix() {
        return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    }

    public boolean hasStatus() {
        return subresources.contains("status");
    }

    /** The list kind, e.g. "DeploymentList". */
    public String listKind() {
        return kind + "List";
    }
}
