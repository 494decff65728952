package dev.wharf.cli.describe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.cli.print.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The kind-specific parts of describing services and nodes. */
final class Infrastructure {
    private Infrastructure() {
    }

    static void service(DescribeWriter w, JsonNode service, List<JsonNode> endpoints) {
        JsonNode spec = service.path("spec");
        w.field(0, "Selector", String.join(",", Describer.pairs(spec.path("selector"))));
        w.field(0, "Type", spec.path("type").asText("ClusterIP"));
        w.field(0, "IP", spec.path("clusterIP").asText(""));
        for (JsonNode port : spec.path("ports")) {
            String name = port.path("name").asText("<unset>");
            String protocol = port.path("protocol").asText("TCP");
            w.field(0, "Port", name + "  " + port.path("port").asText() + "/" + protocol);
            w.field(0, "TargetPort", port.path("targetPort").asText(port.path("port").asText()) + "/" + protocol);
            if (port.hasNonNull("nodePort")) {
                w.field(0, "NodePort", name + "  " + port.path("nodePort").asText() + "/" + protocol);
            }
        }
        List<String> addresses = new ArrayList<>();
        for (JsonNode ep : endpoints) {
            for (JsonNode subset : ep.path("subsets")) {
                for (JsonNode address : subset.path("addresses")) {
                    for (JsonNode port : subset.path("ports")) {
                        addresses.add(address.path("ip").asText() + ":" + port.path("port").asText());
                    }
                }
            }
        }
        w.field(0, "Endpoints", addresses.isEmpty() ? "<none>" : String.join(",", addresses));
        w.field(0, "Session Affinity", spec.path("sessionAffinity").asText("None"));
    }

    static void node(DescribeWriter w, JsonNode node, List<JsonNode> pods, Instant now) {
        JsonNode spec = node.path("spec");
        JsonNode status = node.path("status");
        List<String> taints = new ArrayList<>();
        for (JsonNode t : spec.path("taints")) {
            taints.add(t.path("key").asText() + (t.hasNonNull("value") ? "=" + t.path("value").asText() : "") + ":" + t.path("effect").asText());
        }
        w.multi(0, "Taints", taints);
        w.field(0, "Unschedulable", spec.path("unschedulable").asText("false"));
        if (!status.path("conditions").isEmpty()) {
            w.line(0, "Conditions:");
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("Type", "Status", "LastHeartbeatTime", "Reason", "Message"));
            rows.add(List.of("----", "------", "-----------------", "------", "-------"));
            for (JsonNode c : status.path("conditions")) {
                rows.add(List.of(c.path("type").asText(), c.path("status").asText(), c.path("lastHeartbeatTime").asText(""),
                        c.path("reason").asText(""), c.path("message").asText("")));
            }
            w.table(1, rows);
        }
        w.line(0, "Addresses:");
        for (JsonNode a : status.path("addresses")) {
            w.field(1, a.path("type").asText(), a.path("address").asText());
        }
        resources(w, "Capacity", status.path("capacity"));
        resources(w, "Allocatable", status.path("allocatable"));
        JsonNode info = status.path("nodeInfo");
        if (!info.isEmpty()) {
            w.line(0, "System Info:");
            w.field(1, "Operating System", info.path("operatingSystem").asText(""));
            w.field(1, "Architecture", info.path("architecture").asText(""));
            w.field(1, "Kernel Version", info.path("kernelVersion").asText(""));
            w.field(1, "Container Runtime Version", info.path("containerRuntimeVersion").asText(""));
            w.field(1, "Kubelet Version", info.path("kubeletVersion").asText(""));
        }
        w.field(0, "PodCIDR", spec.path("podCIDR").asText(""));
        w.line(0, "Non-terminated Pods:  (" + pods.size() + " in total)");
        if (!pods.isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("Namespace", "Name", "Age"));
            rows.add(List.of("---------", "----", "---"));
            for (JsonNode p : pods) {
                rows.add(List.of(p.path("metadata").path("namespace").asText(), p.path("metadata").path("name").asText(),
                        Table.age(p, now)));
            }
            w.table(1, rows);
        }
    }

    private static void resources(DescribeWriter w, String title, JsonNode map) {
        if (map.isEmpty()) {
            return;
        }
        w.line(0, title + ":");
        map.fields().forEachRemaining(e -> w.field(1, e.getKey(), e.getValue().asText()));
    }
}
