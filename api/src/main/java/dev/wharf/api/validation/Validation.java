package dev.wharf.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.List;
import java.util.function.Function;

/**
 * Validation as Kubernetes does it: each bad field becomes a StatusCause with {@code field} (e.g.
 * "spec.template.spec.containers[0].image"), {@code reason} (e.g. "FieldValueRequired", "FieldValueInvalid",
 * "FieldValueDuplicate", "FieldValueNotSupported") and Kubernetes' message. An empty list means valid.
 */
public final class Validation {
    private Validation() {
    }

    /** Validates {@code object} (already defaulted); {@code old} is the stored object on update, else null. */
    public static List<StatusCause> validate(ResourceType type, ObjectNode object, ObjectNode old) {
        Causes causes = new Causes();
        String kind = type.group().isEmpty() || isBuiltIn(type) ? type.kind() : "";
        MetaValidation.objectMeta(causes, object.path("metadata"), type.namespaced(), nameRule(kind));
        if (old != null) {
            MetaValidation.objectMetaUpdate(causes, object.path("metadata"), old.path("metadata"));
        }
        JsonNode spec = object.path("spec");
        JsonNode oldSpec = old == null ? null : old.path("spec");
        switch (kind) {
            case "Pod" -> {
                PodValidation.podSpec(causes, spec, "spec");
                if (oldSpec != null) {
                    PodUpdateValidation.podUpdate(causes, spec, oldSpec);
                }
            }
            case "Deployment" -> WorkloadValidation.deployment(causes, spec, oldSpec);
            case "ReplicaSet" -> WorkloadValidation.replicaSet(causes, spec, oldSpec);
            case "Service" -> ServiceValidation.service(causes, spec, oldSpec);
            case "ConfigMap" -> {
                ConfigValidation.configMap(causes, object);
                if (old != null) {
                    ConfigValidation.configMapUpdate(causes, object, old);
                }
            }
            case "Secret" -> ConfigValidation.secret(causes, object, old);
            case "Ingress" -> IngressValidation.ingress(causes, spec);
            case "IngressClass" -> IngressValidation.ingressClass(causes, spec, oldSpec);
            case "EndpointSlice" -> EndpointSliceValidation.endpointSlice(causes, object, old);
            case "HorizontalPodAutoscaler" -> HpaValidation.hpa(causes, spec);
            case "Lease" -> lease(causes, spec);
            default -> {
            }
        }
        return causes.list();
    }

    /**
     * Validates and throws the 422 Kubernetes sends ({@code Deployment.apps "x" is invalid: [...]}) when anything is
     * wrong; the apiserver's one-line use of {@link #validate}.
     */
    public static void requireValid(ResourceType type, ObjectNode object, ObjectNode old) {
        List<StatusCause> causes = validate(type, object, old);
        if (!causes.isEmpty()) {
            String name = object.path("metadata").path("name").asText("");
            if (name.isEmpty()) {
                name = object.path("metadata").path("generateName").asText("");
            }
            throw ApiException.invalid(type.kind(), type.group(), name, causes);
        }
    }

    private static boolean isBuiltIn(ResourceType type) {
        return switch (type.group()) {
            case "apps", "autoscaling", "networking.k8s.io", "coordination.k8s.io", "batch", "discovery.k8s.io" -> true;
            default -> false;
        };
    }

    private static Function<String, List<String>> nameRule(String kind) {
        return switch (kind) {
            case "Namespace" -> Names::dns1123Label;
            case "Service" -> Names::dns1035Label;
            default -> Names::dns1123Subdomain;
        };
    }

    private static void lease(Causes causes, JsonNode spec) {
        JsonNode duration = spec.get("leaseDurationSeconds");
        if (duration != null && duration.isNumber() && duration.asLong() <= 0) {
            causes.invalid("spec.leaseDurationSeconds", duration.asLong(), "must be greater than 0");
        }
        causes.nonNegative("spec.leaseTransitions", spec.get("leaseTransitions"));
    }
}
