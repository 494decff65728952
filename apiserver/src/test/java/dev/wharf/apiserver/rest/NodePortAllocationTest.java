package dev.wharf.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.apiserver.ApiFixture;
import dev.wharf.common.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodePortAllocationTest {
    private final ApiFixture api = new ApiFixture(c -> c.withNodePortRange("30000-30002"));

    @AfterEach
    void close() {
        api.close();
    }

    static ObjectNode service(String name, String type, int... nodePorts) {
        ObjectNode svc = ApiFixture.obj("v1", "Service", "default", name);
        ObjectNode spec = svc.putObject("spec").put("type", type);
        spec.putObject("selector").put("app", name);
        var ports = spec.putArray("ports");
        int count = Math.max(1, nodePorts.length);
        for (int i = 0; i < count; i++) {
            ObjectNode p = ports.addObject().put("name", "p" + i).put("port", 80 + i);
            if (i < nodePorts.length && nodePorts[i] != 0) {
                p.put("nodePort", nodePorts[i]);
            }
        }
        return svc;
    }

    private ObjectNode create(ObjectNode svc) {
        return api.create(ResourceTypes.SERVICES, "default", svc);
    }

    private ObjectNode get(String name) {
        return api.service.reads().get(ResourceTypes.SERVICES, "default", name).object();
    }

    private static String cause(ApiException e) {
        var c = e.status().getDetails().getCauses().get(0);
        return c.getField() + ": " + c.getMessage();
    }

    @Test
    void nodePortAndLoadBalancerServicesGetAPortPerPortFromTheRange() {
        ObjectNode np = create(service("a", "NodePort", 0, 0));
        assertThat(np.at("/spec/ports/0/nodePort").asInt()).isBetween(30000, 30002);
        assertThat(np.at("/spec/ports/1/nodePort").asInt()).isBetween(30000, 30002)
                .isNotEqualTo(np.at("/spec/ports/0/nodePort").asInt());
        ObjectNode lb = create(service("b", "LoadBalancer"));
        assertThat(lb.at("/spec/ports/0/nodePort").asInt()).isBetween(30000, 30002);
        ObjectNode plain = create(service("c", "ClusterIP"));
        assertThat(plain.at("/spec/ports/0").has("nodePort")).isFalse();
        ObjectNode noNodePorts = service("d", "LoadBalancer");
        noNodePorts.with("spec").put("allocateLoadBalancerNodePorts", false);
        assertThat(create(noNodePorts).at("/spec/ports/0").has("nodePort")).isFalse();
        assertThatThrownBy(() -> create(service("e", "NodePort")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(500));
    }

    @Test
    void requestedPortsMustBeFreeAndInRange() {
        create(service("a", "NodePort", 30001));
        assertThat(get("a").at("/spec/ports/0/nodePort").asInt()).isEqualTo(30001);
        assertThatThrownBy(() -> create(service("b", "NodePort", 30001)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(cause(e)).isEqualTo("spec.ports[0].nodePort: Invalid value: 30001: provided port is already allocated");
                });
        assertThatThrownBy(() -> create(service("c", "NodePort", 30080)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(cause(e)).isEqualTo(
                        "spec.ports[0].nodePort: Invalid value: 30080: provided port is not in the valid range. "
                                + "The range of valid ports is 30000-30002"));
        assertThat(api.service.reads().list(ResourceTypes.SERVICES, "default", ListQuery.all()).items()).hasSize(1);
    }

    @Test
    void updatesKeepTheirPortsAndAChangeToClusterIpDropsThem() {
        ObjectNode created = create(service("a", "NodePort"));
        int port = created.at("/spec/ports/0/nodePort").asInt();
        ObjectNode replaced = api.service.updates().update(ResourceTypes.SERVICES, "default", "a", null,
                service("a", "NodePort"), WriteOptions.of("t"));
        assertThat(replaced.at("/spec/ports/0/nodePort").asInt()).isEqualTo(port);
        assertThat(replaced.at("/metadata/resourceVersion").asText()).isEqualTo(created.at("/metadata/resourceVersion").asText());
        String applied = """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"a","namespace":"default"},
                 "spec":{"type":"NodePort","selector":{"app":"a"},"ports":[{"name":"p0","port":80},{"name":"p1","port":81}]}}""";
        ObjectNode twoPorts = api.service.patches().patch(ResourceTypes.SERVICES, "default", "a", null, PatchType.APPLY,
                Json.parse(applied), new WriteOptions("kubectl", false, "Ignore", true, null)).object();
        assertThat(twoPorts.at("/spec/ports/0/nodePort").asInt()).isEqualTo(port);
        assertThat(twoPorts.at("/spec/ports/1/nodePort").asInt()).isBetween(30000, 30002).isNotEqualTo(port);
        ObjectNode clusterIp = api.service.patches().patch(ResourceTypes.SERVICES, "default", "a", null, PatchType.MERGE,
                Json.parse("{\"spec\":{\"type\":\"ClusterIP\"}}"), WriteOptions.of("t")).object();
        assertThat(clusterIp.at("/spec/ports/0").has("nodePort")).isFalse();
        assertThat(clusterIp.at("/spec/ports/1").has("nodePort")).isFalse();
        assertThat(create(service("b", "NodePort", port)).at("/spec/ports/0/nodePort").asInt()).isEqualTo(port);
    }
}
