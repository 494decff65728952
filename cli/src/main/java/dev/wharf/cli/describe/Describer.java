package dev.wharf.cli.describe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.cli.print.ObjectPrinter;
import dev.wharf.cli.print.Table;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code wharf describe}: a readable description of one object: its metadata, what matters for its kind (pods,
 * deployments, replica sets, services, nodes, namespaces; the spec and status as YAML for other kinds) and,
 * last, the events about it.
 */
public final class Describer {
    private final Function<String, List<JsonNode>> list;
    private final Instant now;

    /** {@code list} GETs a list path (with query) and returns its items, or an empty list when it cannot. */
    public Describer(Function<String, List<JsonNode>> list, Instant now) {
        this.list = list;
        this.now = now;
    }

    public String describe(JsonNode object) {
        DescribeWriter w = new DescribeWriter();
        JsonNode meta = object.path("metadata");
        String kind = object.path("kind").asText();
        w.field(0, "Name", meta.path("name").asText());
        if (meta.hasNonNull("namespace")) {
            w.field(0, "Namespace", meta.path("namespace").asText());
        }
        if (kind.equals("Pod")) {
            w.field(0, "Node", object.path("spec").path("nodeName").asText(""));
        }
        w.multi(0, "Labels", pairs(meta.path("labels")));
        w.multi(0, "Annotations", pairs(meta.path("annotations")));
        w.field(0, "CreationTimestamp", meta.path("creationTimestamp").asText(""));
        if (meta.hasNonNull("deletionTimestamp")) {
            w.field(0, "Terminating Since", meta.path("deletionTimestamp").asText());
        }
        controller(meta).ifPresent(c -> w.field(0, "Controlled By", c));
        switch (kind) {
            case "Pod" -> Workloads.pod(w, object);
            case "Deployment" -> Workloads.deployment(w, object, replicaSetsOf(object));
            case "ReplicaSet" -> Workloads.replicaSet(w, object, podsOf(object));
            case "Service" -> Infrastructure.service(w, object, endpointsOf(object));
            case "Node" -> Infrastructure.node(w, object, podsOnNode(object), now);
            case "Namespace" -> w.field(0, "Status", object.path("status").path("phase").asText(""));
            default -> rest(w, object);
        }
        events(w, object);
        return w.render();
    }

    private static java.util.Optional<String> controller(JsonNode meta) {
        for (JsonNode ref : meta.path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
                return java.util.Optional.of(ref.path("kind").asText() + "/" + ref.path("name").asText());
            }
        }
        return java.util.Optional.empty();
    }

    /** Other kinds: each top-level section other than metadata, as YAML. */
    private static void rest(DescribeWriter w, JsonNode object) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (List.of("apiVersion", "kind", "metadata").contains(e.getKey())) {
                continue;
            }
            String title = Character.toUpperCase(e.getKey().charAt(0)) + e.getKey().substring(1);
            if (e.getValue().isValueNode()) {
                w.field(0, title, e.getValue().asText());
                continue;
            }
            w.line(0, title + ":");
            for (String line : ObjectPrinter.yaml(e.getValue()).split("\n")) {
                if (!line.isBlank()) {
                    w.line(1, line);
                }
            }
        }
    }

    private void events(DescribeWriter w, JsonNode object) {
        JsonNode meta = object.path("metadata");
        String name = meta.path("name").asText();
        String namespace = meta.path("namespace").asText("");
        String kind = object.path("kind").asText();
        String selector = "involvedObject.name=" + name + (namespace.isEmpty() ? ",involvedObject.kind=" + kind
                : ",involvedObject.namespace=" + namespace);
        String path = (namespace.isEmpty() ? "/api/v1/events" : "/api/v1/namespaces/" + namespace + "/events")
                + "?fieldSelector=" + URLEncoder.encode(selector, StandardCharsets.UTF_8);
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode e : list.apply(path)) {
            JsonNode about = e.path("involvedObject");
            if (about.path("name").asText().equals(name)
                    && (!about.hasNonNull("kind") || about.path("kind").asText().equals(kind))) {
                events.add(e);
            }
        }
        if (events.isEmpty()) {
            w.field(0, "Events", "<none>");
            return;
        }
        events.sort(java.util.Comparator.comparing(Describer::lastSeen));
        w.line(0, "Events:");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Type", "Reason", "Age", "From", "Message"));
        rows.add(List.of("----", "------", "----", "----", "-------"));
        for (JsonNode e : events) {
            String from = e.path("source").path("component").asText(e.path("reportingComponent").asText(""));
            rows.add(List.of(e.path("type").asText(""), e.path("reason").asText(""), eventAge(e), from,
                    e.path("message").asText("").strip()));
        }
        w.table(1, rows);
    }

    private static String lastSeen(JsonNode e) {
        String last = e.path("lastTimestamp").asText("");
        return last.isEmpty() ? e.path("eventTime").asText("") : last;
    }

    /** "5m", or "2m (x3 over 10m)" for repeated events. */
    private String eventAge(JsonNode e) {
        String last = lastSeen(e);
        String age = last.isEmpty() ? "<unknown>" : Table.age(stamp(last), now);
        int count = e.path("count").asInt(1);
        String first = e.path("firstTimestamp").asText("");
        if (count > 1 && !first.isEmpty()) {
            return age + " (x" + count + " over " + Table.age(stamp(first), now) + ")";
        }
        return age;
    }

    private static JsonNode stamp(String time) {
        com.fasterxml.jackson.databind.node.ObjectNode node = dev.wharf.common.Json.object();
        node.putObject("metadata").put("creationTimestamp", time);
        return node;
    }

    private List<JsonNode> replicaSetsOf(JsonNode deployment) {
        return owned(deployment, "/apis/apps/v1/namespaces/" + ns(deployment) + "/replicasets");
    }

    private List<JsonNode> podsOf(JsonNode owner) {
        return owned(owner, "/api/v1/namespaces/" + ns(owner) + "/pods");
    }

    private List<JsonNode> endpointsOf(JsonNode service) {
        String name = service.path("metadata").path("name").asText();
        return list.apply("/api/v1/namespaces/" + ns(service) + "/endpoints?fieldSelector="
                + URLEncoder.encode("metadata.name=" + name, StandardCharsets.UTF_8)).stream()
                .filter(e -> e.path("metadata").path("name").asText().equals(name)).toList();
    }

    private List<JsonNode> podsOnNode(JsonNode node) {
        String name = node.path("metadata").path("name").asText();
        return list.apply("/api/v1/pods?fieldSelector=" + URLEncoder.encode("spec.nodeName=" + name, StandardCharsets.UTF_8))
                .stream().filter(p -> p.path("spec").path("nodeName").asText().equals(name)).toList();
    }

    private List<JsonNode> owned(JsonNode owner, String collection) {
        String uid = owner.path("metadata").path("uid").asText("");
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode item : list.apply(collection)) {
            for (JsonNode ref : item.path("metadata").path("ownerReferences")) {
                if (!uid.isEmpty() && ref.path("uid").asText().equals(uid)) {
                    found.add(item);
                }
            }
        }
        return found;
    }

    private static String ns(JsonNode object) {
        return object.path("metadata").path("namespace").asText("default");
    }

    /** "key=value" lines of a map, sorted by key as kubectl prints them. */
    static List<String> pairs(JsonNode map) {
        List<String> pairs = new ArrayList<>();
        map.fields().forEachRemaining(e -> pairs.add(e.getKey() + "=" + e.getValue().asText()));
        pairs.sort(null);
        return pairs;
    }
}
