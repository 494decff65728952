package dev.wharf.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.cli.Session;
import dev.wharf.cli.discovery.ApiResource;
import dev.wharf.common.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** fabric8's generic resources for a kind found by discovery, so that every served kind works the same way. */
final class Generic {
    private Generic() {
    }

    static ResourceDefinitionContext context(ApiResource r) {
        return new ResourceDefinitionContext.Builder().withGroup(r.group()).withVersion(r.version()).withKind(r.kind())
                .withPlural(r.plural()).withNamespaced(r.namespaced()).build();
    }

    /** The collection of {@code r}, in {@code namespace} when the kind is namespaced. */
    static NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> in(
            Session session, ApiResource r, String namespace) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> all =
                session.client().genericKubernetesResources(context(r));
        return r.namespaced() ? all.inNamespace(namespace) : all;
    }

    static GenericKubernetesResource fromTree(JsonNode object) {
        return Json.MAPPER.convertValue(object, GenericKubernetesResource.class);
    }

    /** {@code /api/v1/namespaces/NS/pods/NAME}. */
    static String objectPath(ApiResource r, String namespace, String name) {
        return r.collectionPath(namespace) + "/" + name;
    }
}
