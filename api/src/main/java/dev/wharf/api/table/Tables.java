package dev.wharf.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.common.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Server-side printing: meta.k8s.io/v1 Table responses with the columns Kubernetes prints for each kind. */
public final class Tables {
    private static final Map<String, Printer> PRINTERS = Map.ofEntries(
            Map.entry("Pod", new PodPrinter()),
            Map.entry("Deployment", WorkloadPrinters.deployments()),
            Map.entry("ReplicaSet", WorkloadPrinters.replicaSets()),
            Map.entry("Service", NetworkPrinters.services()),
            Map.entry("Endpoints", NetworkPrinters.endpoints()),
            Map.entry("Ingress", NetworkPrinters.ingresses()),
            Map.entry("IngressClass", NetworkPrinters.ingressClasses()),
            Map.entry("EndpointSlice", NetworkPrinters.endpointSlices()),
            Map.entry("Namespace", ClusterPrinters.namespaces()),
            Map.entry("Node", ClusterPrinters.nodes()),
            Map.entry("Event", ClusterPrinters.events()),
            Map.entry("ConfigMap", ClusterPrinters.configMaps()),
            Map.entry("Secret", ClusterPrinters.secrets()),
            Map.entry("ServiceAccount", ClusterPrinters.serviceAccounts()),
            Map.entry("HorizontalPodAutoscaler", ClusterPrinters.hpas()),
            Map.entry("Lease", ClusterPrinters.leases()));
    private static final Printer FALLBACK = ClusterPrinters.fallback();

    private Tables() {
    }

    /**
     * A Table of {@code objects}. {@code includeObject} is "None", "Object" or "Metadata" (default: rows carry a
     * PartialObjectMetadata). {@code withColumns} false leaves columnDefinitions empty (watch events after the
     * first). {@code now} computes the AGE column. {@code metadata} is left empty for the caller's resourceVersion
     * and continue token.
     */
    public static ObjectNode table(ResourceType type, List<ObjectNode> objects, Instant now, String includeObject,
            boolean withColumns) {
        Printer printer = printerFor(type);
        ObjectNode table = Json.object();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata");
        ArrayNode columns = table.putArray("columnDefinitions");
        if (withColumns) {
            for (Column c : printer.columns()) {
                ObjectNode col = columns.addObject();
                col.put("name", c.name());
                col.put("type", c.type());
                col.put("format", c.format());
                col.put("description", c.description());
                col.put("priority", c.priority());
            }
        }
        ArrayNode rows = table.putArray("rows");
        for (ObjectNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Object cell : printer.cells(object, now)) {
                if (cell instanceof Number n) {
                    cells.add(n.longValue());
                } else {
                    cells.add(String.valueOf(cell));
                }
            }
            List<Map<String, String>> conditions = printer.conditions(object);
            if (!conditions.isEmpty()) {
                ArrayNode conds = row.putArray("conditions");
                for (Map<String, String> c : conditions) {
                    ObjectNode cond = conds.addObject();
                    for (String k : List.of("type", "status", "reason", "message")) {
                        cond.put(k, c.getOrDefault(k, ""));
                    }
                }
            }
            JsonNode rowObject = rowObject(type, object, includeObject);
            if (rowObject != null) {
                row.set("object", rowObject);
            }
        }
        return table;
    }

    /** The column definitions printed for {@code type}. */
    public static List<Column> columns(ResourceType type) {
        return printerFor(type).columns();
    }

    private static Printer printerFor(ResourceType type) {
        boolean kubernetesKind = !type.group().endsWith("wharf.dev");
        return kubernetesKind ? PRINTERS.getOrDefault(type.kind(), FALLBACK) : FALLBACK;
    }

    private static JsonNode rowObject(ResourceType type, ObjectNode object, String includeObject) {
        String mode = includeObject == null || includeObject.isEmpty() ? "Metadata" : includeObject;
        return switch (mode) {
            case "None" -> null;
            case "Object" -> object;
            default -> {
                ObjectNode partial = Json.object();
                partial.put("kind", "PartialObjectMetadata");
                partial.put("apiVersion", "meta.k8s.io/v1");
                JsonNode meta = object.get("metadata");
                partial.set("metadata", meta == null ? Json.object() : meta.deepCopy());
                yield partial;
            }
        };
    }
}
