package dev.wharf.api.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** SetDefaults_HorizontalPodAutoscaler (autoscaling/v2): minReplicas, the CPU metric, behavior rules. */
final class HpaDefaults {
    private HpaDefaults() {
    }

    static void hpa(ObjectNode hpa) {
        ObjectNode spec = Nodes.object(hpa, "spec");
        Nodes.setIfAbsent(spec, "minReplicas", 1);
        JsonNode metrics = spec.get("metrics");
        if (metrics == null || metrics.isNull() || metrics.isEmpty()) {
            ObjectNode m = spec.putArray("metrics").addObject();
            m.put("type", "Resource");
            ObjectNode resource = m.putObject("resource");
            resource.put("name", "cpu");
            ObjectNode target = resource.putObject("target");
            target.put("type", "Utilization");
            target.put("averageUtilization", 80);
        }
        if (spec.get("behavior") instanceof ObjectNode behavior) {
            ObjectNode up = Nodes.object(behavior, "scaleUp");
            Nodes.setIfAbsent(up, "stabilizationWindowSeconds", 0);
            Nodes.setIfAbsent(up, "selectPolicy", "Max");
            if (!up.has("policies") || up.get("policies").isEmpty()) {
                ArrayNode p = up.putArray("policies");
                policy(p, "Pods", 4);
                policy(p, "Percent", 100);
            }
            ObjectNode down = Nodes.object(behavior, "scaleDown");
            Nodes.setIfAbsent(down, "stabilizationWindowSeconds", 300);
            Nodes.setIfAbsent(down, "selectPolicy", "Max");
            if (!down.has("policies") || down.get("policies").isEmpty()) {
                policy(down.putArray("policies"), "Percent", 100);
            }
        }
    }

    private static void policy(ArrayNode policies, String type, int value) {
        ObjectNode p = policies.addObject();
        p.put("type", type);
        p.put("value", value);
        p.put("periodSeconds", 15);
    }
}
