package dev.wharf.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** ValidatePodSpec: volumes, containers (names, images, ports, env, mounts, resources, probes), policies. */
final class PodValidation {
    static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
    private static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
    private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final List<String> TERMINATION_MESSAGE_POLICIES = List.of("File", "FallbackToLogsOnError");

    private PodValidation() {
    }

    /** {@code path} is where the spec sits: "spec" for a Pod, "spec.template.spec" for a workload. */
    static void podSpec(Causes causes, JsonNode spec, String path) {
        Set<String> volumes = volumes(causes, spec.path("volumes"), path + ".volumes");
        Set<String> names = new HashSet<>();
        JsonNode containers = spec.path("containers");
        if (!containers.isArray() || containers.isEmpty()) {
            causes.required(path + ".containers", "");
        } else {
            containers(causes, containers, path + ".containers", volumes, names);
        }
        containers(causes, spec.path("initContainers"), path + ".initContainers", volumes, names);
        String restartPolicy = spec.path("restartPolicy").asText("");
        if (restartPolicy.isEmpty()) {
            causes.required(path + ".restartPolicy", "");
        } else if (!RESTART_POLICIES.contains(restartPolicy)) {
            causes.notSupported(path + ".restartPolicy", restartPolicy, RESTART_POLICIES);
        }
        String dnsPolicy = spec.path("dnsPolicy").asText("");
        if (dnsPolicy.isEmpty()) {
            causes.required(path + ".dnsPolicy", "");
        } else if (!DNS_POLICIES.contains(dnsPolicy)) {
            causes.notSupported(path + ".dnsPolicy", dnsPolicy, DNS_POLICIES);
        }
        MetaValidation.labels(causes, spec.get("nodeSelector"), path + ".nodeSelector");
        String serviceAccount = spec.path("serviceAccountName").asText("");
        if (!serviceAccount.isEmpty()) {
            causes.invalidEach(path + ".serviceAccountName", serviceAccount, Names.dns1123Subdomain(serviceAccount));
        }
        String nodeName = spec.path("nodeName").asText("");
        if (!nodeName.isEmpty()) {
            causes.invalidEach(path + ".nodeName", nodeName, Names.dns1123Subdomain(nodeName));
        }
        causes.nonNegative(path + ".terminationGracePeriodSeconds", spec.get("terminationGracePeriodSeconds"));
        JsonNode deadline = spec.get("activeDeadlineSeconds");
        if (deadline != null && deadline.isNumber() && deadline.asLong() < 1) {
            causes.invalid(path + ".activeDeadlineSeconds", deadline.asLong(), "must be between 1 and 2147483647, inclusive");
        }
        String hostname = spec.path("hostname").asText("");
        if (!hostname.isEmpty()) {
            causes.invalidEach(path + ".hostname", hostname, Names.dns1123Label(hostname));
        }
    }

    /** A list item's name: required, a DNS-1123 label, and unique among {@code seen}. Returns it. */
    private static String uniqueLabelName(Causes causes, String field, String name, Set<String> seen) {
        if (name.isEmpty()) {
            causes.required(field, "");
        } else {
            causes.invalidEach(field, name, Names.dns1123Label(name));
            if (!seen.add(name)) {
                causes.duplicate(field, name);
            }
        }
        return name;
    }

    private static Set<String> volumes(Causes causes, JsonNode volumes, String path) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < volumes.size(); i++) {
            JsonNode v = volumes.get(i);
            String p = path + "[" + i + "]";
            uniqueLabelName(causes, p + ".name", v.path("name").asText(""), names);
            int sources = 0;
            for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
                if (!it.next().equals("name")) {
                    sources++;
                }
            }
            if (sources > 1) {
                causes.forbidden(p, "may not specify more than 1 volume type");
            }
        }
        return names;
    }

    private static void containers(Causes causes, JsonNode containers, String path, Set<String> volumes, Set<String> names) {
        for (int i = 0; i < containers.size(); i++) {
            JsonNode c = containers.get(i);
            String p = path + "[" + i + "]";
            String name = uniqueLabelName(causes, p + ".name", c.path("name").asText(""), names);
            String image = c.path("image").asText("");
            if (image.isEmpty()) {
                causes.required(p + ".image", "");
            } else if (!image.strip().equals(image)) {
                causes.invalid(p + ".image", image, "must not have leading or trailing whitespace");
            }
            enumField(causes, c, "imagePullPolicy", p, PULL_POLICIES);
            enumField(causes, c, "terminationMessagePolicy", p, TERMINATION_MESSAGE_POLICIES);
            ports(causes, c.path("ports"), p + ".ports");
            env(causes, c.path("env"), p + ".env");
            mounts(causes, c.path("volumeMounts"), p + ".volumeMounts", volumes);
            resources(causes, c.path("resources"), p + ".resources");
            probe(causes, c.get("livenessProbe"), p + ".livenessProbe", true);
            probe(causes, c.get("readinessProbe"), p + ".readinessProbe", false);
            probe(causes, c.get("startupProbe"), p + ".startupProbe", true);
        }
    }

    private static void enumField(Causes causes, JsonNode c, String field, String p, List<String> allowed) {
        JsonNode v = c.get(field);
        if (v != null && !v.isNull() && !allowed.contains(v.asText())) {
            causes.notSupported(p + "." + field, v.asText(), allowed);
        }
    }

    private static void ports(Causes causes, JsonNode ports, String path) {
        Set<String> names = new HashSet<>();
        Set<String> portProtocols = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            JsonNode port = ports.get(i);
            String p = path + "[" + i + "]";
            String name = port.path("name").asText("");
            if (!name.isEmpty()) {
                causes.invalidEach(p + ".name", name, Names.portName(name));
                if (!names.add(name)) {
                    causes.duplicate(p + ".name", name);
                }
            }
            long containerPort = port.path("containerPort").asLong(0);
            if (containerPort == 0) {
                causes.required(p + ".containerPort", "");
            } else if (!Names.validPort(containerPort)) {
                causes.invalid(p + ".containerPort", containerPort, Names.PORT_RANGE);
            }
            long hostPort = port.path("hostPort").asLong(0);
            if (hostPort != 0 && !Names.validPort(hostPort)) {
                causes.invalid(p + ".hostPort", hostPort, Names.PORT_RANGE);
            }
            String protocol = port.path("protocol").asText("");
            if (protocol.isEmpty()) {
                causes.required(p + ".protocol", "");
            } else if (!PROTOCOLS.contains(protocol)) {
                causes.notSupported(p + ".protocol", protocol, PROTOCOLS);
            }
            if (containerPort != 0 && !portProtocols.add(containerPort + "/" + protocol)) {
                causes.duplicate(p + ".containerPort", containerPort + "/" + protocol);
            }
        }
    }

    private static void env(Causes causes, JsonNode env, String path) {
        for (int i = 0; i < env.size(); i++) {
            JsonNode e = env.get(i);
            String p = path + "[" + i + "]";
            String name = e.path("name").asText("");
            if (name.isEmpty()) {
                causes.required(p + ".name", "");
            } else {
                causes.invalidEach(p + ".name", name, Names.envVarName(name));
            }
            if (e.hasNonNull("valueFrom") && !e.path("value").asText("").isEmpty()) {
                causes.invalid(p + ".valueFrom", "", "may not be specified when `value` is not empty");
            }
        }
    }

    private static void mounts(Causes causes, JsonNode mounts, String path, Set<String> volumes) {
        Set<String> mountPaths = new HashSet<>();
        for (int i = 0; i < mounts.size(); i++) {
            JsonNode m = mounts.get(i);
            String p = path + "[" + i + "]";
            String name = m.path("name").asText("");
            if (name.isEmpty()) {
                causes.required(p + ".name", "");
            } else if (!volumes.contains(name)) {
                causes.notFound(p + ".name", name);
            }
            String mountPath = m.path("mountPath").asText("");
            if (mountPath.isEmpty()) {
                causes.required(p + ".mountPath", "");
            } else if (!mountPaths.add(mountPath)) {
                causes.invalid(p + ".mountPath", mountPath, "must be unique");
            }
        }
    }

    private static void resources(Causes causes, JsonNode resources, String path) {
        JsonNode limits = resources.path("limits");
        JsonNode requests = resources.path("requests");
        quantities(causes, limits, path + ".limits");
        quantities(causes, requests, path + ".requests");
        for (Iterator<Map.Entry<String, JsonNode>> it = requests.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Optional<BigDecimal> request = Quantities.parse(e.getValue().asText());
            JsonNode limitNode = limits.get(e.getKey());
            if (limitNode == null || request.isEmpty()) {
                continue;
            }
            Optional<BigDecimal> limit = Quantities.parse(limitNode.asText());
            if (limit.isPresent() && request.get().compareTo(limit.get()) > 0) {
                causes.invalid(path + ".requests", e.getValue().asText(),
                        "must be less than or equal to " + e.getKey() + " limit of " + limitNode.asText());
            }
        }
    }

    private static void quantities(Causes causes, JsonNode map, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = path + "[" + e.getKey() + "]";
            causes.invalidEach(p, e.getKey(), Names.qualifiedName(e.getKey()));
            Optional<BigDecimal> q = Quantities.parse(e.getValue().asText());
            if (q.isEmpty()) {
                causes.invalid(p, e.getValue().asText(), Quantities.FORMAT_ERROR);
            } else if (q.get().signum() < 0) {
                causes.invalid(p, e.getValue().asText(), "must be greater than or equal to 0");
            }
        }
    }

    private static void probe(Causes causes, JsonNode probe, String path, boolean successMustBeOne) {
        if (probe == null || !probe.isObject()) {
            return;
        }
        for (String f : List.of("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold")) {
            causes.nonNegative(path + "." + f, probe.get(f));
        }
        if (successMustBeOne && probe.has("successThreshold") && probe.path("successThreshold").asLong() != 1) {
            causes.invalid(path + ".successThreshold", probe.path("successThreshold").asLong(), "must be 1");
        }
        int handlers = 0;
        for (String h : List.of("exec", "httpGet", "tcpSocket", "grpc")) {
            if (probe.hasNonNull(h)) {
                handlers++;
            }
        }
        if (handlers == 0) {
            causes.required(path, "must specify a handler type");
        } else if (handlers > 1) {
            causes.forbidden(path, "may not specify more than 1 handler type");
        }
        if (probe.has("httpGet")) {
            portNumOrName(causes, probe.path("httpGet").get("port"), path + ".httpGet.port");
        }
        if (probe.has("tcpSocket")) {
            portNumOrName(causes, probe.path("tcpSocket").get("port"), path + ".tcpSocket.port");
        }
    }

    /** ValidatePortNumOrName for an IntOrString port. */
    static void portNumOrName(Causes causes, JsonNode port, String path) {
        if (port == null || port.isNull()) {
            causes.required(path, "");
        } else if (port.isNumber()) {
            if (!Names.validPort(port.asLong())) {
                causes.invalid(path, port.asLong(), Names.PORT_RANGE);
            }
        } else if (port.asText().isEmpty()) {
            causes.required(path, "");
        } else {
            causes.invalidEach(path, port.asText(), Names.portName(port.asText()));
        }
    }
}
