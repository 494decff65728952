package dev.wharf.api.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.resource.ResourceType;

/** Defaulting as Kubernetes does it (Deployment strategy, container terminationMessagePath, imagePullPolicy...). */
public final class Defaults {
    private Defaults() {
    }

    /** Fills defaults into {@code object} in place. */
    public static void apply(ResourceType type, ObjectNode object) {
        switch (type.kind()) {
            case "Pod" -> PodDefaults.pod(object);
            case "Deployment" -> WorkloadDefaults.deployment(object);
            case "ReplicaSet" -> WorkloadDefaults.replicaSet(object);
            case "Service" -> ServiceDefaults.service(object);
            case "Endpoints" -> ServiceDefaults.endpoints(object);
            case "EndpointSlice" -> ServiceDefaults.endpointSlice(object);
            case "IngressClass" -> ServiceDefaults.ingressClass(object);
            case "Namespace" -> namespace(object);
            case "Secret" -> Nodes.setIfAbsent(object, "type", "Opaque");
            case "HorizontalPodAutoscaler" -> HpaDefaults.hpa(object);
            default -> {
            }
        }
    }

    /**
     * SetDefaults_Namespace (the name label) and SetDefaults_NamespaceStatus. The "kubernetes" finalizer is not a
     * default: the apiserver adds it at create only (as the namespace registry's PrepareForCreate does), so that an
     * update that empties the finalizers (namespaces/finalize) is not undone.
     */
    private static void namespace(ObjectNode ns) {
        String name = ns.path("metadata").path("name").asText("");
        if (!name.isEmpty()) {
            ObjectNode labels = Nodes.object(Nodes.object(ns, "metadata"), "labels");
            labels.put("kubernetes.io/metadata.name", name);
        }
        Nodes.setIfAbsent(Nodes.object(ns, "status"), "phase", "Active");
    }
}
