package dev.wharf.api.validation;

import static dev.wharf.api.validation.ValidationTest.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.defaults.Defaults;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.resource.ResourceTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Services' ports, EndpointSlices and IngressClasses, as the Service controllers and the gateway rely on. */
class NetworkValidationTest {
    static final String SLICE = """
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: web-abcde, namespace: default, labels: {kubernetes.io/service-name: web}}
            addressType: IPv4
            ports: [{name: http, port: 8080}]
            endpoints:
            - addresses: [10.0.0.5]
              conditions: {ready: true, serving: true, terminating: false}
              nodeName: n1
              targetRef: {kind: Pod, namespace: default, name: web-1, uid: u1}
            """;
    static final String INGRESS_CLASS = """
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata: {name: wharf, annotations: {ingressclass.kubernetes.io/is-default-class: "true"}}
            spec: {controller: wharf.dev/gateway}
            """;

    static List<String> check(ResourceType type, ObjectNode obj) {
        Defaults.apply(type, obj);
        return Causes.describe(Validation.validate(type, obj, null));
    }

    @Test
    void servicePortProtocolTargetPortAndNodePortRules() {
        ObjectNode svc = yaml(ValidationTest.SERVICE);
        ObjectNode port = (ObjectNode) svc.at("/spec/ports/0");
        port.put("protocol", "ICMP").put("targetPort", "not_a_name");
        assertThat(check(ResourceTypes.SERVICES, svc)).contains(
                "spec.ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\"")
                .anySatisfy(m -> assertThat(m).startsWith("spec.ports[0].targetPort: Invalid value: \"not_a_name\""));

        ObjectNode nodePorts = yaml(ValidationTest.SERVICE);
        ((ObjectNode) nodePorts.get("spec")).put("type", "NodePort");
        ((ObjectNode) nodePorts.at("/spec/ports/0")).put("name", "a").put("nodePort", 30080);
        ((ArrayNode) nodePorts.at("/spec/ports")).addObject().put("name", "b").put("port", 81).put("nodePort", 30080);
        assertThat(check(ResourceTypes.SERVICES, nodePorts)).containsExactly("spec.ports[1].nodePort: Duplicate value: 30080");

        ObjectNode named = yaml(ValidationTest.SERVICE);
        ((ObjectNode) named.at("/spec/ports/0")).put("name", "http").put("targetPort", "http");
        ((ArrayNode) named.at("/spec/ports")).addObject().put("name", "http").put("port", 81);
        assertThat(check(ResourceTypes.SERVICES, named)).containsExactly("spec.ports[1].name: Duplicate value: \"http\"");

        ObjectNode lbClass = yaml(ValidationTest.SERVICE);
        ((ObjectNode) lbClass.get("spec")).put("loadBalancerClass", "wharf.dev/gateway");
        assertThat(check(ResourceTypes.SERVICES, lbClass))
                .containsExactly("spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'");
    }

    @Test
    void aGoodEndpointSliceIsValidAndItsPortsDefaultToTcp() {
        ObjectNode slice = yaml(SLICE);
        assertThat(check(ResourceTypes.ENDPOINT_SLICES, slice)).isEmpty();
        assertThat(slice.at("/ports/0/protocol").asText()).isEqualTo("TCP");
    }

    @Test
    void endpointSliceErrors() {
        ObjectNode slice = yaml(SLICE);
        slice.put("addressType", "IPv5");
        assertThat(check(ResourceTypes.ENDPOINT_SLICES, slice)).containsExactly(
                "addressType: Unsupported value: \"IPv5\": supported values: \"FQDN\", \"IPv4\", \"IPv6\"");
        ObjectNode bad = yaml(SLICE);
        ((ArrayNode) bad.at("/endpoints/0/addresses")).set(0, "10.0.0.300");
        ((ArrayNode) bad.get("endpoints")).addObject();
        ((ArrayNode) bad.get("ports")).addObject().put("name", "http").put("port", 70000);
        assertThat(check(ResourceTypes.ENDPOINT_SLICES, bad)).containsExactlyInAnyOrder(
                "endpoints[0].addresses[0]: Invalid value: \"10.0.0.300\": must be a valid IPv4 address",
                "endpoints[1].addresses: Required value: must contain at least 1 address",
                "ports[1].name: Duplicate value: \"http\"",
                "ports[1].port: Invalid value: 70000: must be between 1 and 65535, inclusive");
        ObjectNode old = yaml(SLICE);
        ObjectNode changed = yaml(SLICE);
        changed.put("addressType", "IPv6");
        changed.remove("endpoints");
        Defaults.apply(ResourceTypes.ENDPOINT_SLICES, changed);
        assertThat(Causes.describe(Validation.validate(ResourceTypes.ENDPOINT_SLICES, changed, old)))
                .containsExactly("addressType: Invalid value: \"IPv6\": field is immutable");
    }

    @Test
    void ingressClassNeedsADomainPrefixedController() {
        assertThat(check(ResourceTypes.INGRESS_CLASSES, yaml(INGRESS_CLASS))).isEmpty();
        ObjectNode bad = yaml(INGRESS_CLASS);
        ((ObjectNode) bad.get("spec")).put("controller", "gateway");
        assertThat(check(ResourceTypes.INGRESS_CLASSES, bad)).containsExactly(
                "spec.controller: Invalid value: \"gateway\": must be a domain-prefixed path (such as \"acme.io/foo\")");
        ObjectNode params = yaml(INGRESS_CLASS);
        ((ObjectNode) params.get("spec")).putObject("parameters").put("kind", "Config").put("name", "c");
        assertThat(check(ResourceTypes.INGRESS_CLASSES, params)).isEmpty();
        assertThat(params.at("/spec/parameters/scope").asText()).isEqualTo("Cluster");
        ObjectNode namespaced = yaml(INGRESS_CLASS);
        assertThat(namespaced.has("metadata")).isTrue();
        namespaced.with("metadata").put("namespace", "default");
        assertThat(check(ResourceTypes.INGRESS_CLASSES, namespaced)).singleElement().asString().startsWith("metadata.namespace: Forbidden");
    }
}
