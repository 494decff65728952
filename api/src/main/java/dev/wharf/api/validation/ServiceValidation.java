package dev.wharf.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** ValidateService and ValidateServiceUpdate (the parts that do not depend on IP allocation). */
final class ServiceValidation {
    private static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
    private static final List<String> AFFINITIES = List.of("ClientIP", "None");
    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");

    private ServiceValidation() {
    }

    static void service(Causes causes, JsonNode spec, JsonNode oldSpec) {
        String type = spec.path("type").asText("");
        boolean headless = "None".equals(spec.path("clusterIP").asText(""));
        JsonNode ports = spec.path("ports");
        if (ports.isEmpty() && !headless && !type.equals("ExternalName")) {
            causes.required("spec.ports", "");
        }
        if (type.equals("ExternalName")) {
            String externalName = spec.path("externalName").asText("");
            if (externalName.isEmpty()) {
                causes.required("spec.externalName", "");
            } else {
                causes.invalidEach("spec.externalName", externalName, Names.dns1123Subdomain(externalName.replaceAll("\\.$", "")));
            }
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            port(causes, ports.get(i), "spec.ports[" + i + "]", ports.size() > 1, names);
        }
        Set<String> portProtocols = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            JsonNode p = ports.get(i);
            String protocol = p.path("protocol").asText("");
            long number = p.path("port").asLong(0);
            if (!portProtocols.add(protocol + "/" + number)) {
                causes.duplicate("spec.ports[" + i + "]", new GoValues.Raw("core.ServicePort{Name:\"\", Protocol:"
                        + GoValues.quote(protocol) + ", AppProtocol:(*string)(nil), Port:" + number
                        + ", TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}"));
            }
        }
        MetaValidation.labels(causes, spec.get("selector"), "spec.selector");
        if (type.isEmpty()) {
            causes.required("spec.type", "");
        } else if (!TYPES.contains(type)) {
            causes.notSupported("spec.type", type, TYPES);
        }
        String affinity = spec.path("sessionAffinity").asText("");
        if (affinity.isEmpty()) {
            causes.required("spec.sessionAffinity", "");
        } else if (!AFFINITIES.contains(affinity)) {
            causes.notSupported("spec.sessionAffinity", affinity, AFFINITIES);
        }
        for (String policy : List.of("internalTrafficPolicy", "externalTrafficPolicy")) {
            JsonNode v = spec.get(policy);
            if (v != null && !v.isNull() && !v.asText().isEmpty() && !TRAFFIC_POLICIES.contains(v.asText())) {
                causes.notSupported("spec." + policy, v.asText(), TRAFFIC_POLICIES);
            }
        }
        Set<String> nodePorts = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            long nodePort = ports.get(i).path("nodePort").asLong(0);
            if (nodePort != 0 && !nodePorts.add(ports.get(i).path("protocol").asText("") + "/" + nodePort)) {
                causes.duplicate("spec.ports[" + i + "].nodePort", nodePort);
            }
        }
        String lbClass = spec.path("loadBalancerClass").asText("");
        if (!lbClass.isEmpty() && !type.equals("LoadBalancer")) {
            causes.forbidden("spec.loadBalancerClass", "may only be used when `type` is 'LoadBalancer'");
        }
        if (!type.equals("NodePort") && !type.equals("LoadBalancer")) {
            for (int i = 0; i < ports.size(); i++) {
                long nodePort = ports.get(i).path("nodePort").asLong(0);
                if (nodePort != 0) {
                    causes.forbidden("spec.ports[" + i + "].nodePort", "may not be used when `type` is '" + type + "'");
                }
            }
        }
        if (oldSpec != null) {
            String oldIp = oldSpec.path("clusterIP").asText("");
            String newIp = spec.path("clusterIP").asText("");
            if (!oldIp.isEmpty() && !newIp.isEmpty() && !oldIp.equals(newIp)
                    && !type.equals("ExternalName") && !oldSpec.path("type").asText("").equals("ExternalName")) {
                causes.invalid("spec.clusterIP", newIp, "field is immutable");
            }
        }
    }

    private static void port(Causes causes, JsonNode port, String path, boolean requireName, Set<String> names) {
        String name = port.path("name").asText("");
        if (requireName && name.isEmpty()) {
            causes.required(path + ".name", "");
        } else if (!name.isEmpty()) {
            causes.invalidEach(path + ".name", name, Names.dns1123Label(name));
            if (!names.add(name)) {
                causes.duplicate(path + ".name", name);
            }
        }
        long number = port.path("port").asLong(0);
        if (!Names.validPort(number)) {
            causes.invalid(path + ".port", number, Names.PORT_RANGE);
        }
        String protocol = port.path("protocol").asText("");
        if (protocol.isEmpty()) {
            causes.required(path + ".protocol", "");
        } else if (!PROTOCOLS.contains(protocol)) {
            causes.notSupported(path + ".protocol", protocol, PROTOCOLS);
        }
        if (port.has("targetPort")) {
            PodValidation.portNumOrName(causes, port.get("targetPort"), path + ".targetPort");
        }
        long nodePort = port.path("nodePort").asLong(0);
        if (nodePort != 0 && !Names.validPort(nodePort)) {
            causes.invalid(path + ".nodePort", nodePort, Names.PORT_RANGE);
        }
    }
}
