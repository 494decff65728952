package dev.wharf.cli.describe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The kind-specific parts of describing pods, deployments and replica sets. */
final class Workloads {
    /** Written by Wharf's scheduler on a pod it cannot place: one line per node saying why not. */
    static final String WHY_NOT = "scheduler.wharf.dev/unschedulable-nodes";
    private Workloads() {
    }

    static void pod(DescribeWriter w, JsonNode pod) {
        JsonNode spec = pod.path("spec");
        JsonNode status = pod.path("status");
        w.field(0, "Start Time", status.path("startTime").asText(""));
        String phase = status.path("phase").asText("");
        w.field(0, "Status", pod.path("metadata").hasNonNull("deletionTimestamp") ? "Terminating" : phase);
        if (status.hasNonNull("reason")) {
            w.field(0, "Reason", status.path("reason").asText());
        }
        if (status.hasNonNull("message")) {
            w.field(0, "Message", status.path("message").asText());
        }
        w.field(0, "IP", status.path("podIP").asText(""));
        Map<String, JsonNode> states = new TreeMap<>();
        for (JsonNode cs : status.path("containerStatuses")) {
            states.put(cs.path("name").asText(), cs);
        }
        if (spec.path("initContainers").size() > 0) {
            w.line(0, "Init Containers:");
            containers(w, spec.path("initContainers"), Map.of(), 1);
        }
        w.line(0, "Containers:");
        containers(w, spec.path("containers"), states, 1);
        conditions(w, status.path("conditions"), false);
        for (JsonNode c : status.path("conditions")) {
            if (c.path("type").asText().equals("PodScheduled") && c.path("status").asText().equals("False")) {
                String why = c.path("message").asText("");
                w.field(0, "Not Scheduled", (c.hasNonNull("reason") ? c.path("reason").asText() + ": " : "")
                        + (why.isEmpty() ? "the scheduler has not placed this pod yet" : why));
            }
        }
        if (phase.equals("Pending") && !hasCondition(status, "PodScheduled") && spec.path("nodeName").asText("").isEmpty()) {
            w.field(0, "Not Scheduled", "waiting for the scheduler to place this pod on a node");
        }
        String whyNot = pod.path("metadata").path("annotations").path(WHY_NOT).asText("");
        if (spec.path("nodeName").asText("").isEmpty() && !whyNot.isEmpty()) {
            w.line(0, "Why Not Each Node:");
            for (String line : whyNot.split("\n")) {
                w.line(1, line);
            }
        }
        w.multi(0, "Node-Selectors", Describer.pairs(spec.path("nodeSelector")));
        List<String> tolerations = new ArrayList<>();
        for (JsonNode t : spec.path("tolerations")) {
            tolerations.add(t.path("key").asText("") + (t.hasNonNull("value") ? "=" + t.path("value").asText() : "")
                    + (t.hasNonNull("effect") ? ":" + t.path("effect").asText() : ""));
        }
        w.multi(0, "Tolerations", tolerations);
    }

    static void deployment(DescribeWriter w, JsonNode deployment, List<JsonNode> replicaSets) {
        JsonNode spec = deployment.path("spec");
        JsonNode status = deployment.path("status");
        w.field(0, "Selector", selector(spec.path("selector")));
        w.field(0, "Replicas", spec.path("replicas").asInt(1) + " desired | " + status.path("updatedReplicas").asInt(0)
                + " updated | " + status.path("replicas").asInt(0) + " total | " + status.path("availableReplicas").asInt(0)
                + " available | " + status.path("unavailableReplicas").asInt(0) + " unavailable");
        String strategy = spec.path("strategy").path("type").asText("RollingUpdate");
        w.field(0, "StrategyType", strategy);
        w.field(0, "MinReadySeconds", String.valueOf(spec.path("minReadySeconds").asInt(0)));
        if (strategy.equals("RollingUpdate")) {
            JsonNode ru = spec.path("strategy").path("rollingUpdate");
            w.field(0, "RollingUpdateStrategy", ru.path("maxUnavailable").asText("25%") + " max unavailable, "
                    + ru.path("maxSurge").asText("25%") + " max surge");
        }
        template(w, spec.path("template"));
        conditions(w, status.path("conditions"), true);
        String revision = deployment.path("metadata").path("annotations").path("deployment.kubernetes.io/revision").asText("");
        List<String> old = new ArrayList<>();
        String current = "<none>";
        for (JsonNode rs : replicaSets) {
            String rsRevision = rs.path("metadata").path("annotations").path("deployment.kubernetes.io/revision").asText("");
            String text = rs.path("metadata").path("name").asText() + " (" + rs.path("status").path("replicas").asInt(0) + "/"
                    + rs.path("spec").path("replicas").asInt(0) + " replicas created)";
            if (!revision.isEmpty() && revision.equals(rsRevision)) {
                current = text;
            } else if (rs.path("spec").path("replicas").asInt(0) > 0 || rs.path("status").path("replicas").asInt(0) > 0) {
                old.add(text);
            }
        }
        if (revision.isEmpty() && replicaSets.size() == 1) {
            current = replicaSets.get(0).path("metadata").path("name").asText();
            old.clear();
        }
        w.field(0, "OldReplicaSets", old.isEmpty() ? "<none>" : String.join(", ", old));
        w.field(0, "NewReplicaSet", current);
    }

    static void replicaSet(DescribeWriter w, JsonNode rs, List<JsonNode> pods) {
        JsonNode spec = rs.path("spec");
        w.field(0, "Selector", selector(spec.path("selector")));
        w.field(0, "Replicas", rs.path("status").path("replicas").asInt(0) + " current / " + spec.path("replicas").asInt(1) + " desired");
        int running = 0;
        int waiting = 0;
        int succeeded = 0;
        int failed = 0;
        for (JsonNode pod : pods) {
            switch (pod.path("status").path("phase").asText("Pending")) {
                case "Running" -> running++;
                case "Succeeded" -> succeeded++;
                case "Failed" -> failed++;
                default -> waiting++;
            }
        }
        w.field(0, "Pods Status", running + " Running / " + waiting + " Waiting / " + succeeded + " Succeeded / " + failed + " Failed");
        template(w, spec.path("template"));
        conditions(w, rs.path("status").path("conditions"), true);
    }

    static void template(DescribeWriter w, JsonNode template) {
        w.line(0, "Pod Template:");
        w.multi(1, "Labels", Describer.pairs(template.path("metadata").path("labels")));
        w.line(1, "Containers:");
        containers(w, template.path("spec").path("containers"), Map.of(), 2);
    }

    private static void containers(DescribeWriter w, JsonNode containers, Map<String, JsonNode> states, int base) {
        if (containers.isEmpty()) {
            w.line(base, "<none>");
        }
        for (JsonNode c : containers) {
            w.line(base, c.path("name").asText() + ":");
            w.field(base + 1, "Image", c.path("image").asText(""));
            List<String> ports = new ArrayList<>();
            for (JsonNode p : c.path("ports")) {
                ports.add(p.path("containerPort").asText() + "/" + p.path("protocol").asText("TCP"));
            }
            w.field(base + 1, "Port", ports.isEmpty() ? "<none>" : String.join(", ", ports));
            if (c.path("command").size() > 0) {
                w.field(base + 1, "Command", join(c.path("command")));
            }
            if (c.path("args").size() > 0) {
                w.field(base + 1, "Args", join(c.path("args")));
            }
            JsonNode cs = states.get(c.path("name").asText());
            if (cs != null) {
                w.field(base + 1, "State", state(cs.path("state")));
                if (cs.path("lastState").size() > 0) {
                    w.field(base + 1, "Last State", state(cs.path("lastState")));
                }
                w.field(base + 1, "Ready", cs.path("ready").asText("false"));
                w.field(base + 1, "Restart Count", cs.path("restartCount").asText("0"));
            }
            JsonNode resources = c.path("resources");
            if (resources.path("limits").size() > 0) {
                w.multi(base + 1, "Limits", Describer.pairs(resources.path("limits")));
            }
            if (resources.path("requests").size() > 0) {
                w.multi(base + 1, "Requests", Describer.pairs(resources.path("requests")));
            }
            List<String> env = new ArrayList<>();
            for (JsonNode e : c.path("env")) {
                env.add(e.path("name").asText() + "=" + (e.has("value") ? e.path("value").asText() : "(from " + e.path("valueFrom").fieldNames().next() + ")"));
            }
            w.multi(base + 1, "Environment", env);
        }
    }

    private static String state(JsonNode state) {
        if (state.has("running")) {
            return "Running (since " + state.path("running").path("startedAt").asText("?") + ")";
        }
        if (state.has("waiting")) {
            JsonNode s = state.path("waiting");
            return "Waiting" + (s.hasNonNull("reason") ? " (" + s.path("reason").asText() + ")" : "")
                    + (s.hasNonNull("message") ? ": " + s.path("message").asText() : "");
        }
        if (state.has("terminated")) {
            JsonNode s = state.path("terminated");
            return "Terminated (" + s.path("reason").asText("exit") + ", exit code " + s.path("exitCode").asText("?") + ")";
        }
        return "<unknown>";
    }

    static void conditions(DescribeWriter w, JsonNode conditions, boolean withReason) {
        if (conditions.isEmpty()) {
            return;
        }
        w.line(0, "Conditions:");
        List<List<String>> rows = new ArrayList<>();
        rows.add(withReason ? List.of("Type", "Status", "Reason") : List.of("Type", "Status"));
        rows.add(withReason ? List.of("----", "------", "------") : List.of("----", "------"));
        for (JsonNode c : conditions) {
            rows.add(withReason ? List.of(c.path("type").asText(), c.path("status").asText(), c.path("reason").asText(""))
                    : List.of(c.path("type").asText(), c.path("status").asText()));
        }
        w.table(1, rows);
    }

    private static boolean hasCondition(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) {
            if (c.path("type").asText().equals(type)) {
                return true;
            }
        }
        return false;
    }

    static String selector(JsonNode selector) {
        List<String> parts = new ArrayList<>(Describer.pairs(selector.path("matchLabels")));
        for (JsonNode e : selector.path("matchExpressions")) {
            parts.add(e.path("key").asText() + " " + e.path("operator").asText().toLowerCase(java.util.Locale.ROOT)
                    + " (" + join(e.path("values")) + ")");
        }
        return String.join(",", parts);
    }

    private static String join(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return String.join(" ", values);
    }
}
