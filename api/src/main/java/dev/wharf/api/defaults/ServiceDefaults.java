package dev.wharf.api.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * SetDefaults_Service and SetDefaults_Endpoints (core/v1), SetDefaults_EndpointPort (discovery/v1) and
 * SetDefaults_IngressClass (networking/v1); IP families, cluster IPs and node ports are allocated elsewhere.
 * Ingress paths get no pathType default in networking/v1: validation requires it.
 */
final class ServiceDefaults {
    private ServiceDefaults() {
    }

    static void service(ObjectNode svc) {
        ObjectNode spec = Nodes.object(svc, "spec");
        Nodes.setIfAbsent(spec, "sessionAffinity", "None");
        Nodes.setIfAbsent(spec, "type", "ClusterIP");
        String type = spec.path("type").asText();
        for (ObjectNode port : Nodes.objects(spec, "ports")) {
            Nodes.setIfAbsent(port, "protocol", "TCP");
            JsonNode target = port.get("targetPort");
            boolean unset = target == null || target.isNull() || (target.isNumber() && target.asInt() == 0)
                    || (target.isTextual() && target.asText().isEmpty());
            if (unset && port.has("port")) {
                port.set("targetPort", port.get("port").deepCopy());
            }
        }
        if ("ClientIP".equals(spec.path("sessionAffinity").asText())) {
            ObjectNode clientIp = Nodes.object(Nodes.object(spec, "sessionAffinityConfig"), "clientIP");
            Nodes.setIfAbsent(clientIp, "timeoutSeconds", 10800);
        }
        if (!type.equals("ExternalName")) {
            Nodes.setIfAbsent(spec, "internalTrafficPolicy", "Cluster");
        }
        if (type.equals("NodePort") || type.equals("LoadBalancer")) {
            Nodes.setIfAbsent(spec, "externalTrafficPolicy", "Cluster");
        }
        if (type.equals("LoadBalancer")) {
            Nodes.setIfAbsent(spec, "allocateLoadBalancerNodePorts", true);
        }
    }

    static void endpoints(ObjectNode ep) {
        for (ObjectNode subset : Nodes.objects(ep, "subsets")) {
            for (ObjectNode port : Nodes.objects(subset, "ports")) {
                Nodes.setIfAbsent(port, "protocol", "TCP");
            }
        }
    }

    static void endpointSlice(ObjectNode slice) {
        for (ObjectNode port : Nodes.objects(slice, "ports")) {
            Nodes.setIfAbsent(port, "protocol", "TCP");
        }
    }

    static void ingressClass(ObjectNode ic) {
        JsonNode params = ic.path("spec").get("parameters");
        if (params instanceof ObjectNode p) {
            Nodes.setIfAbsent(p, "scope", "Cluster");
        }
    }
}
