package dev.wharf.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** printPod: READY, the STATUS Kubernetes derives from container states, RESTARTS "2 (5s ago)"; wide IP, NODE... */
final class PodPrinter implements Printer {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Ready", "The aggregate readiness state of this pod for accepting traffic."),
            Column.text("Status", "The aggregate status of the containers in this pod."),
            Column.text("Restarts", "The number of times the containers in this pod have been restarted and when the last "
                    + "container in this pod has restarted."),
            Column.ageColumn(),
            Column.wide("IP", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated."),
            Column.wide("Node", "NodeName indicates in which node this pod is scheduled."),
            Column.wide("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on the node."),
            Column.wide("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Map<String, String>> conditions(JsonNode pod) {
        return switch (pod.path("status").path("phase").asText("")) {
            case "Succeeded" -> List.of(completed("The pod has completed successfully."));
            case "Failed" -> List.of(completed("The pod failed."));
            default -> List.of();
        };
    }

    private static Map<String, String> completed(String message) {
        return Map.of("type", "Completed", "status", "True", "reason", "", "message", message);
    }

    @Override
    public List<Object> cells(JsonNode pod, Instant now) {
        JsonNode spec = pod.path("spec");
        JsonNode status = pod.path("status");
        int total = spec.path("containers").size();
        int ready = 0;
        long restarts = 0;
        Instant lastRestart = null;
        String phase = status.path("phase").asText("");
        String reason = status.path("reason").asText("").isEmpty() ? phase : status.path("reason").asText();
        for (JsonNode c : status.path("conditions")) {
            if ("PodScheduled".equals(c.path("type").asText()) && "SchedulingGated".equals(c.path("reason").asText())) {
                reason = "SchedulingGated";
            }
        }
        Map<String, JsonNode> initSpecs = new HashMap<>();
        for (JsonNode c : spec.path("initContainers")) {
            initSpecs.put(c.path("name").asText(), c);
            if (sidecar(c)) {
                total++;
            }
        }
        boolean initializing = false;
        long sidecarRestarts = 0;
        Instant sidecarLastRestart = null;
        JsonNode initStatuses = status.path("initContainerStatuses");
        for (int i = 0; i < initStatuses.size(); i++) {
            JsonNode c = initStatuses.get(i);
            restarts += c.path("restartCount").asLong(0);
            lastRestart = later(lastRestart, c.path("lastState").path("terminated").path("finishedAt"));
            boolean isSidecar = sidecar(initSpecs.get(c.path("name").asText()));
            if (isSidecar) {
                sidecarRestarts += c.path("restartCount").asLong(0);
                sidecarLastRestart = later(sidecarLastRestart, c.path("lastState").path("terminated").path("finishedAt"));
            }
            JsonNode terminated = c.path("state").path("terminated");
            JsonNode waiting = c.path("state").path("waiting");
            if (terminated.isObject() && terminated.path("exitCode").asInt(0) == 0) {
                continue;
            }
            if (isSidecar && c.path("started").asBoolean(false)) {
                if (c.path("ready").asBoolean(false)) {
                    ready++;
                }
                continue;
            }
            if (terminated.isObject()) {
                String r = terminated.path("reason").asText("");
                if (r.isEmpty()) {
                    int signal = terminated.path("signal").asInt(0);
                    reason = signal != 0 ? "Init:Signal:" + signal : "Init:ExitCode:" + terminated.path("exitCode").asInt();
                } else {
                    reason = "Init:" + r;
                }
            } else if (waiting.isObject() && !waiting.path("reason").asText("").isEmpty()
                    && !"PodInitializing".equals(waiting.path("reason").asText())) {
                reason = "Init:" + waiting.path("reason").asText();
            } else {
                reason = "Init:" + i + "/" + spec.path("initContainers").size();
            }
            initializing = true;
            break;
        }
        if (!initializing || conditionTrue(status, "Initialized")) {
            restarts = sidecarRestarts;
            lastRestart = sidecarLastRestart;
            boolean hasRunning = false;
            JsonNode statuses = status.path("containerStatuses");
            for (int i = statuses.size() - 1; i >= 0; i--) {
                JsonNode c = statuses.get(i);
                restarts += c.path("restartCount").asLong(0);
                lastRestart = later(lastRestart, c.path("lastState").path("terminated").path("finishedAt"));
                JsonNode waiting = c.path("state").path("waiting");
                JsonNode terminated = c.path("state").path("terminated");
                if (waiting.isObject() && !waiting.path("reason").asText("").isEmpty()) {
                    reason = waiting.path("reason").asText();
                } else if (terminated.isObject() && !terminated.path("reason").asText("").isEmpty()) {
                    reason = terminated.path("reason").asText();
                } else if (terminated.isObject()) {
                    int signal = terminated.path("signal").asInt(0);
                    reason = signal != 0 ? "Signal:" + signal : "ExitCode:" + terminated.path("exitCode").asInt();
                } else if (c.path("ready").asBoolean(false) && c.path("state").path("running").isObject()) {
                    hasRunning = true;
                    ready++;
                }
            }
            if ("Completed".equals(reason) && hasRunning) {
                reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
            }
        }
        boolean deleting = pod.path("metadata").hasNonNull("deletionTimestamp");
        if (deleting && "NodeLost".equals(status.path("reason").asText())) {
            reason = "Unknown";
        } else if (deleting && !phase.equals("Succeeded") && !phase.equals("Failed")) {
            reason = "Terminating";
        }
        String restartText = String.valueOf(restarts);
        if (restarts != 0 && lastRestart != null) {
            restartText = restarts + " (" + Ages.human(java.time.Duration.between(lastRestart, now)) + " ago)";
        }
        String ip = status.path("podIPs").path(0).path("ip").asText("");
        if (ip.isEmpty()) {
            ip = status.path("podIP").asText("");
        }
        return List.of(Printer.name(pod), ready + "/" + total, reason, restartText, Printer.age(pod, now),
                Printer.orNone(ip), Printer.orNone(spec.path("nodeName").asText("")),
                Printer.orNone(status.path("nominatedNodeName").asText("")), readinessGates(spec, status));
    }

    private static String readinessGates(JsonNode spec, JsonNode status) {
        JsonNode gates = spec.path("readinessGates");
        if (gates.isEmpty()) {
            return "<none>";
        }
        int trueCount = 0;
        for (JsonNode gate : gates) {
            for (JsonNode c : status.path("conditions")) {
                if (c.path("type").asText().equals(gate.path("conditionType").asText())) {
                    if ("True".equals(c.path("status").asText())) {
                        trueCount++;
                    }
                    break;
                }
            }
        }
        return trueCount + "/" + gates.size();
    }

    private static boolean sidecar(JsonNode container) {
        return container != null && "Always".equals(container.path("restartPolicy").asText(""));
    }

    private static boolean conditionTrue(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) {
            if (type.equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
                return true;
            }
        }
        return false;
    }

    private static Instant later(Instant current, JsonNode timestamp) {
        if (!timestamp.isTextual()) {
            return current;
        }
        try {
            Instant t = Instant.parse(timestamp.asText());
            return current == null || t.isAfter(current) ? t : current;
        } catch (java.time.format.DateTimeParseException e) {
            return current;
        }
    }
}
