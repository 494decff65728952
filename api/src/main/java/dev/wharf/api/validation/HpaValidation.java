package dev.wharf.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** ValidateHorizontalPodAutoscalerSpec (autoscaling/v2): target reference, replica bounds, metrics. */
final class HpaValidation {
    private static final List<String> METRIC_TYPES = List.of("ContainerResource", "External", "Object", "Pods", "Resource");
    private static final List<String> TARGET_TYPES = List.of("AverageValue", "Utilization", "Value");

    private HpaValidation() {
    }

    static void hpa(Causes causes, JsonNode spec) {
        JsonNode ref = spec.path("scaleTargetRef");
        if (ref.path("kind").asText("").isEmpty()) {
            causes.required("spec.scaleTargetRef.kind", "");
        }
        String name = ref.path("name").asText("");
        if (name.isEmpty()) {
            causes.required("spec.scaleTargetRef.name", "");
        } else {
            causes.invalidEach("spec.scaleTargetRef.name", name, Names.dns1123Subdomain(name));
        }
        JsonNode min = spec.get("minReplicas");
        if (min != null && min.isNumber() && min.asLong() < 1) {
            causes.invalid("spec.minReplicas", min.asLong(), "must be greater than or equal to 1");
        }
        long max = spec.path("maxReplicas").asLong(0);
        if (max < 1) {
            causes.invalid("spec.maxReplicas", max, "must be greater than 0");
        }
        if (min != null && min.isNumber() && max < min.asLong()) {
            causes.invalid("spec.maxReplicas", max, "must be greater than or equal to `minReplicas`");
        }
        JsonNode metrics = spec.path("metrics");
        for (int i = 0; i < metrics.size(); i++) {
            metric(causes, metrics.get(i), "spec.metrics[" + i + "]");
        }
    }

    private static void metric(Causes causes, JsonNode metric, String path) {
        String type = metric.path("type").asText("");
        if (type.isEmpty()) {
            causes.required(path + ".type", "must specify a metric source type");
            return;
        }
        if (!METRIC_TYPES.contains(type)) {
            causes.notSupported(path + ".type", type, METRIC_TYPES);
            return;
        }
        String field = Character.toLowerCase(type.charAt(0)) + type.substring(1);
        JsonNode source = metric.get(field);
        if (source == null || source.isNull()) {
            causes.required(path + "." + field, "must populate information for the given metric source");
            return;
        }
        if (type.equals("Resource") || type.equals("ContainerResource")) {
            if (source.path("name").asText("").isEmpty()) {
                causes.required(path + "." + field + ".name", "must specify a resource name");
            }
        }
        target(causes, source.get("target"), path + "." + field + ".target");
    }

    private static void target(Causes causes, JsonNode target, String path) {
        if (target == null || target.isNull()) {
            causes.required(path, "");
            return;
        }
        String type = target.path("type").asText("");
        if (type.isEmpty()) {
            causes.required(path + ".type", "must specify a metric target type");
        } else if (!TARGET_TYPES.contains(type)) {
            causes.notSupported(path + ".type", type, TARGET_TYPES);
        }
        JsonNode utilization = target.get("averageUtilization");
        if (utilization != null && utilization.isNumber() && utilization.asLong() <= 0) {
            causes.invalid(path + ".averageUtilization", utilization.asLong(), "must be greater than 0");
        }
        if (type.equals("Utilization") && utilization == null) {
            causes.required(path + ".averageUtilization", "must set either a target raw value or a target utilization");
        }
        if (type.equals("Value") && !target.hasNonNull("value")) {
            causes.required(path + ".value", "must set either a target value for metric or a per-pod target");
        }
        if (type.equals("AverageValue") && !target.hasNonNull("averageValue")) {
            causes.required(path + ".averageValue", "must set either a target value for metric or a per-pod target");
        }
    }
}
