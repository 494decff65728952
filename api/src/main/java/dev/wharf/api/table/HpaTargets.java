package dev.wharf.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** formatHPAMetrics: "cpu: 40%/80%", "&lt;unknown&gt;/100", at most two then " + N more...". */
final class HpaTargets {
    private HpaTargets() {
    }

    static String format(JsonNode specs, JsonNode statuses) {
        if (specs.isEmpty()) {
            return "<none>";
        }
        List<String> list = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            JsonNode spec = specs.get(i);
            JsonNode status = statuses.path(i);
            switch (spec.path("type").asText("")) {
                case "Resource", "ContainerResource" -> list.add(resource(spec, status));
                case "Pods" -> list.add(current(status.path("pods").path("current").path("averageValue")) + "/"
                        + spec.path("pods").path("target").path("averageValue").asText(""));
                case "Object", "External" -> {
                    String field = spec.path("type").asText().equals("Object") ? "object" : "external";
                    JsonNode target = spec.path(field).path("target");
                    JsonNode cur = status.path(field).path("current");
                    if (target.hasNonNull("averageValue")) {
                        list.add(current(cur.path("averageValue")) + "/" + target.path("averageValue").asText() + " (avg)");
                    } else {
                        list.add(current(cur.path("value")) + "/" + target.path("value").asText(""));
                    }
                }
                default -> list.add("<unknown type>");
            }
        }
        int max = 2;
        if (list.size() > max) {
            return String.join(", ", list.subList(0, max)) + " + " + (list.size() - max) + " more...";
        }
        return String.join(", ", list);
    }

    private static String resource(JsonNode spec, JsonNode status) {
        String field = spec.path("type").asText().equals("Resource") ? "resource" : "containerResource";
        JsonNode source = spec.path(field);
        JsonNode target = source.path("target");
        JsonNode cur = status.path(field).path("current");
        String name = source.path("name").asText("");
        if (target.hasNonNull("averageValue")) {
            return name + ": " + current(cur.path("averageValue")) + "/" + target.path("averageValue").asText();
        }
        String currentText = cur.hasNonNull("averageUtilization") ? cur.path("averageUtilization").asLong() + "%" : "<unknown>";
        String targetText = target.hasNonNull("averageUtilization") ? target.path("averageUtilization").asLong() + "%" : "<auto>";
        return name + ": " + currentText + "/" + targetText;
    }

    private static String current(JsonNode value) {
        return value.isValueNode() && !value.asText().isEmpty() ? value.asText() : "<unknown>";
    }
}
