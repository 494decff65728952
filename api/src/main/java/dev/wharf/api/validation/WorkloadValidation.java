package dev.wharf.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.api.selector.LabelSelector;
import dev.wharf.common.Json;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** ValidateDeploymentSpec and ValidateReplicaSetSpec: replicas, selector against template, strategy. */
final class WorkloadValidation {
    private static final Pattern PERCENT = Pattern.compile("[0-9]+%");

    private WorkloadValidation() {
    }

    static void deployment(Causes causes, JsonNode spec, JsonNode oldSpec) {
        causes.nonNegative("spec.replicas", spec.get("replicas"));
        selectorAndTemplate(causes, spec);
        strategy(causes, spec.path("strategy"));
        causes.nonNegative("spec.minReadySeconds", spec.get("minReadySeconds"));
        causes.nonNegative("spec.revisionHistoryLimit", spec.get("revisionHistoryLimit"));
        JsonNode deadline = spec.get("progressDeadlineSeconds");
        if (deadline != null && deadline.isNumber()) {
            causes.nonNegative("spec.progressDeadlineSeconds", deadline);
            if (deadline.asLong() <= spec.path("minReadySeconds").asLong(0)) {
                causes.invalid("spec.progressDeadlineSeconds", deadline.asLong(), "must be greater than minReadySeconds");
            }
        }
        if (oldSpec != null) {
            immutableSelector(causes, spec, oldSpec);
        }
    }

    static void replicaSet(Causes causes, JsonNode spec, JsonNode oldSpec) {
        causes.nonNegative("spec.replicas", spec.get("replicas"));
        causes.nonNegative("spec.minReadySeconds", spec.get("minReadySeconds"));
        selectorAndTemplate(causes, spec);
        if (oldSpec != null) {
            immutableSelector(causes, spec, oldSpec);
        }
    }

    private static void immutableSelector(Causes causes, JsonNode spec, JsonNode oldSpec) {
        if (!GoValues.same(spec.get("selector"), oldSpec.get("selector"))) {
            causes.invalid("spec.selector", GoValues.labelSelector(spec.get("selector")), "field is immutable");
        }
    }

    private static void selectorAndTemplate(Causes causes, JsonNode spec) {
        JsonNode selector = spec.get("selector");
        boolean selectorOk = true;
        if (selector == null || selector.isNull()) {
            causes.required("spec.selector", "");
            selectorOk = false;
        } else {
            int before = causes.size();
            labelSelector(causes, selector, "spec.selector");
            selectorOk = causes.size() == before;
            if (selector.path("matchLabels").size() + selector.path("matchExpressions").size() == 0) {
                causes.invalid("spec.selector", GoValues.labelSelector(selector), "empty selector is invalid for deployment");
            }
        }
        JsonNode template = spec.get("template");
        if (template == null || template.isNull()) {
            causes.required("spec.template", "");
            return;
        }
        JsonNode templateLabels = template.path("metadata").get("labels");
        if (selectorOk && selector != null && !selector.isNull()
                && selector.path("matchLabels").size() + selector.path("matchExpressions").size() > 0) {
            LabelSelector parsed = LabelSelector.of(Json.convert(selector, io.fabric8.kubernetes.api.model.LabelSelector.class));
            if (!parsed.matches(stringMap(templateLabels))) {
                causes.invalid("spec.template.metadata.labels", GoValues.stringMap(templateLabels),
                        "`selector` does not match template `labels`");
            }
        }
        MetaValidation.labels(causes, templateLabels, "spec.template.metadata.labels");
        MetaValidation.annotations(causes, template.path("metadata").get("annotations"), "spec.template.metadata.annotations");
        JsonNode podSpec = template.path("spec");
        PodValidation.podSpec(causes, podSpec, "spec.template.spec");
        String restartPolicy = podSpec.path("restartPolicy").asText("");
        if (!restartPolicy.isEmpty() && !restartPolicy.equals("Always")) {
            causes.notSupported("spec.template.spec.restartPolicy", restartPolicy, List.of("Always"));
        }
        if (podSpec.hasNonNull("activeDeadlineSeconds")) {
            causes.forbidden("spec.template.spec.activeDeadlineSeconds", "activeDeadlineSeconds in ReplicaSet is not Supported");
        }
    }

    /** ValidateLabelSelector: matchLabels and matchExpressions. */
    static void labelSelector(Causes causes, JsonNode selector, String path) {
        MetaValidation.labels(causes, selector.get("matchLabels"), path + ".matchLabels");
        JsonNode exprs = selector.path("matchExpressions");
        for (int i = 0; i < exprs.size(); i++) {
            JsonNode e = exprs.get(i);
            String p = path + ".matchExpressions[" + i + "]";
            String op = e.path("operator").asText("");
            int values = e.path("values").size();
            switch (op) {
                case "In", "NotIn" -> {
                    if (values == 0) {
                        causes.required(p + ".values", "must be specified when `operator` is 'In' or 'NotIn'");
                    }
                }
                case "Exists", "DoesNotExist" -> {
                    if (values > 0) {
                        causes.forbidden(p + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                    }
                }
                default -> causes.invalid(p + ".operator", op, "not a valid selector operator");
            }
            String key = e.path("key").asText("");
            causes.invalidEach(p + ".key", key, Names.qualifiedName(key));
        }
    }

    private static void strategy(Causes causes, JsonNode strategy) {
        String type = strategy.path("type").asText("");
        switch (type) {
            case "Recreate" -> {
                if (strategy.hasNonNull("rollingUpdate")) {
                    causes.forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'");
                }
            }
            case "RollingUpdate" -> {
                JsonNode ru = strategy.get("rollingUpdate");
                if (ru == null || ru.isNull()) {
                    causes.required("spec.strategy.rollingUpdate", "this should be defaulted and never be nil");
                } else {
                    rollingUpdate(causes, ru);
                }
            }
            default -> causes.notSupported("spec.strategy", new GoValues.Raw("apps.DeploymentStrategy{Type:" + GoValues.quote(type)
                    + ", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}"), List.of("Recreate", "RollingUpdate"));
        }
    }

    private static void rollingUpdate(Causes causes, JsonNode ru) {
        JsonNode unavailable = ru.get("maxUnavailable");
        JsonNode surge = ru.get("maxSurge");
        intOrPercent(causes, unavailable, "spec.strategy.rollingUpdate.maxUnavailable");
        intOrPercent(causes, surge, "spec.strategy.rollingUpdate.maxSurge");
        if (isZero(unavailable) && isZero(surge)) {
            causes.invalid("spec.strategy.rollingUpdate.maxUnavailable", GoValues.intOrString(unavailable),
                    "may not be 0 when `maxSurge` is 0");
        }
        if (unavailable != null && unavailable.isTextual() && PERCENT.matcher(unavailable.asText()).matches()
                && Long.parseLong(unavailable.asText().replace("%", "")) > 100) {
            causes.invalid("spec.strategy.rollingUpdate.maxUnavailable", GoValues.intOrString(unavailable), "must not be greater than 100%");
        }
    }

    private static void intOrPercent(Causes causes, JsonNode v, String path) {
        if (v == null || v.isNull()) {
            return;
        }
        if (v.isTextual()) {
            if (!PERCENT.matcher(v.asText()).matches()) {
                causes.invalid(path, GoValues.intOrString(v), Names.regexError(
                        "a valid percent string must be a numeric string followed by an ending '%'", "[0-9]+%", "1%", "93%"));
            }
        } else {
            causes.nonNegative(path, v);
        }
    }

    private static boolean isZero(JsonNode v) {
        if (v == null || v.isNull()) {
            return true;
        }
        return v.isNumber() ? v.asLong() == 0 : v.asText().equals("0%");
    }


    static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> m = new HashMap<>();
        if (node != null && node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), e.getValue().asText());
            }
        }
        return m;
    }

}
