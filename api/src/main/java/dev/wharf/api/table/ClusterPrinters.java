package dev.wharf.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** printNamespace, printNode, printEvent, printHorizontalPodAutoscaler, printLease and the default printer. */
final class ClusterPrinters {
    private ClusterPrinters() {
    }

    static Printer namespaces() {
        return new SimplePrinter(List.of(Column.nameColumn(), Column.text("Status", "The status of the namespace"), Column.ageColumn()),
                (ns, now) -> List.of(Printer.name(ns), ns.path("status").path("phase").asText(""), Printer.age(ns, now)));
    }

    static Printer nodes() {
        return new SimplePrinter(List.of(Column.nameColumn(),
                Column.text("Status", "The status of the node"),
                Column.text("Roles", "The roles of the node"),
                Column.ageColumn(),
                Column.text("Version", "Kubelet Version reported by the node."),
                Column.wide("Internal-IP", "List of addresses reachable to the node. Queried from cloud provider, if available."),
                Column.wide("External-IP", "List of addresses reachable to the node. Queried from cloud provider, if available."),
                Column.wide("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
                Column.wide("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
                Column.wide("Container-Runtime", "ContainerRuntime Version reported by the node through runtime remote API "
                        + "(e.g. containerd://1.4.2).")), (node, now) -> {
                    JsonNode info = node.path("status").path("nodeInfo");
                    return List.of(Printer.name(node), nodeStatus(node), roles(node), Printer.age(node, now),
                            info.path("kubeletVersion").asText(""), address(node, "InternalIP"), address(node, "ExternalIP"),
                            unknown(info.path("osImage").asText("")), unknown(info.path("kernelVersion").asText("")),
                            unknown(info.path("containerRuntimeVersion").asText("")));
                });
    }

    private static String nodeStatus(JsonNode node) {
        List<String> status = new ArrayList<>();
        for (JsonNode c : node.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                status.add("True".equals(c.path("status").asText()) ? "Ready" : "NotReady");
                break;
            }
        }
        if (status.isEmpty()) {
            status.add("Unknown");
        }
        if (node.path("spec").path("unschedulable").asBoolean(false)) {
            status.add("SchedulingDisabled");
        }
        return String.join(",", status);
    }

    private static String roles(JsonNode node) {
        TreeSet<String> roles = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("metadata").path("labels").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("node-role.kubernetes.io/")) {
                String role = e.getKey().substring("node-role.kubernetes.io/".length());
                if (!role.isEmpty()) {
                    roles.add(role);
                }
            } else if (e.getKey().equals("kubernetes.io/role") && !e.getValue().asText("").isEmpty()) {
                roles.add(e.getValue().asText());
            }
        }
        return roles.isEmpty() ? "<none>" : String.join(",", roles);
    }

    private static String address(JsonNode node, String type) {
        for (JsonNode a : node.path("status").path("addresses")) {
            if (type.equals(a.path("type").asText())) {
                return a.path("address").asText();
            }
        }
        return "<none>";
    }

    private static String unknown(String s) {
        return s.isEmpty() ? "<unknown>" : s;
    }

    static Printer events() {
        return new SimplePrinter(List.of(
                Column.text("Last Seen", "Time when last this event was observed"),
                Column.text("Type", "Type of this event (Normal, Warning), new types could be added in the future."),
                Column.text("Reason", "This should be a short, machine understandable string that gives the reason for this "
                        + "event being generated."),
                Column.text("Object", "The object that this event is about."),
                Column.wide("Subobject", "The subobject that this event is about."),
                Column.wide("Source", "The component reporting this event."),
                Column.text("Message", "A human-readable description of the status of this operation."),
                Column.wide("First Seen", "The time at which the event was first recorded."),
                new Column("Count", "integer", "", "The number of times this event has occurred.", 1),
                new Column("Name", "string", "name", Column.NAME_DOC, 1)), ClusterPrinters::eventCells);
    }

    private static List<Object> eventCells(JsonNode e, Instant now) {
        String first = Ages.since(e.get("firstTimestamp"), now);
        if (!e.hasNonNull("firstTimestamp")) {
            first = Ages.since(e.get("eventTime"), now);
        }
        String last = e.hasNonNull("lastTimestamp") ? Ages.since(e.get("lastTimestamp"), now) : first;
        long count = e.path("count").asLong(0);
        if (e.hasNonNull("series")) {
            last = Ages.since(e.path("series").get("lastObservedTime"), now);
            count = e.path("series").path("count").asLong(0);
        } else if (count == 0) {
            count = 1;
        }
        JsonNode involved = e.path("involvedObject");
        String kind = involved.path("kind").asText("").toLowerCase(Locale.ROOT);
        String target = involved.path("name").asText("").isEmpty() ? kind : kind + "/" + involved.path("name").asText();
        return List.of(last, e.path("type").asText(""), e.path("reason").asText(""), target,
                involved.path("fieldPath").asText(""), source(e), e.path("message").asText("").strip(), first, count,
                Printer.name(e));
    }

    private static String source(JsonNode e) {
        String component = e.path("source").path("component").asText("");
        String host = e.path("source").path("host").asText("");
        if (component.isEmpty()) {
            component = e.path("reportingComponent").asText("");
            host = e.path("reportingInstance").asText("");
        }
        return host.isEmpty() ? component : component + ", " + host;
    }

    static Printer hpas() {
        return new SimplePrinter(List.of(Column.nameColumn(),
                Column.text("Reference", "Reference to the scaled resource."),
                Column.text("Targets", "Current and target metrics."),
                Column.text("MinPods", "Lower limit for the number of pods that can be set by the autoscaler, default 1."),
                Column.integer("MaxPods", "Upper limit for the number of pods that can be set by the autoscaler; cannot be "
                        + "smaller than MinReplicas."),
                Column.integer("Replicas", "Current number of replicas of pods managed by this autoscaler."),
                Column.ageColumn()), (hpa, now) -> {
                    JsonNode spec = hpa.path("spec");
                    JsonNode ref = spec.path("scaleTargetRef");
                    String min = spec.hasNonNull("minReplicas") ? String.valueOf(spec.path("minReplicas").asLong()) : "<unset>";
                    return List.of(Printer.name(hpa), ref.path("kind").asText("") + "/" + ref.path("name").asText(""),
                            HpaTargets.format(spec.path("metrics"), hpa.path("status").path("currentMetrics")), min,
                            spec.path("maxReplicas").asLong(0), hpa.path("status").path("currentReplicas").asLong(0),
                            Printer.age(hpa, now));
                });
    }

    static Printer leases() {
        return new SimplePrinter(List.of(Column.nameColumn(),
                Column.text("Holder", "The holder of the lease."), Column.ageColumn()),
                (l, now) -> List.of(Printer.name(l), l.path("spec").path("holderIdentity").asText(""), Printer.age(l, now)));
    }

    static Printer configMaps() {
        return new SimplePrinter(List.of(Column.nameColumn(),
                Column.integer("Data", "Data contains the configuration data."), Column.ageColumn()),
                (cm, now) -> List.of(Printer.name(cm), (long) (cm.path("data").size() + cm.path("binaryData").size()),
                        Printer.age(cm, now)));
    }

    static Printer secrets() {
        return new SimplePrinter(List.of(Column.nameColumn(),
                Column.text("Type", "The type of the secret"),
                Column.integer("Data", "The number of entries in the secret"), Column.ageColumn()),
                (s, now) -> List.of(Printer.name(s), s.path("type").asText(""), (long) s.path("data").size(), Printer.age(s, now)));
    }

    static Printer serviceAccounts() {
        return new SimplePrinter(List.of(Column.nameColumn(),
                Column.integer("Secrets", "Secrets is a list of the secrets in the same namespace that pods running using this "
                        + "ServiceAccount are allowed to use."), Column.ageColumn()),
                (sa, now) -> List.of(Printer.name(sa), (long) sa.path("secrets").size(), Printer.age(sa, now)));
    }

    static Printer fallback() {
        return new SimplePrinter(List.of(Column.nameColumn(), new Column("Created At", "date", "", Column.AGE_DOC, 0)),
                (o, now) -> List.of(Printer.name(o), o.path("metadata").path("creationTimestamp").asText("")));
    }
}
