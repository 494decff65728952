package dev.wharf.api.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.common.Json;
import org.junit.jupiter.api.Test;

class UnknownFieldsTest {
    private static final OpenApi api = new OpenApi(ResourceTypes.builtIn());

    @Test
    void reportsUndeclaredFieldsWithPaths() {
        var deploy = Json.parse("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"any.key/x":"y"},"bogus":1},
                 "spec":{"replica":2,"replicas":1,"selector":{"matchLabels":{"app":"web"}},
                  "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[
                    {"name":"a","image":"x","ports":[{"containerPort":80,"protcol":"TCP"}]},
                    {"name":"b","image":"y","imagePolicy":"Always","resources":{"limits":{"cpu":"1"}}}]}},
                  "strategy":{"rollingUpdate":{"maxSurge":"25%"}}}}""");
        assertThat(api.unknownFields(ResourceTypes.DEPLOYMENTS, deploy)).containsExactly(
                ".metadata.bogus", ".spec.replica",
                ".spec.template.spec.containers[0].ports[0].protcol",
                ".spec.template.spec.containers[1].imagePolicy");
    }

    @Test
    void cleanObjectsHaveNone() {
        var cm = Json.parse("""
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","annotations":{"a":"b"}},"data":{"k":"v","x.y":"z"}}""");
        assertThat(api.unknownFields(ResourceTypes.CONFIGMAPS, cm)).isEmpty();
        var svc = Json.parse("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"ports":[{"port":80,"targetPort":"http"}],
                 "selector":{"app":"web"}},"status":{"loadBalancer":{}}}""");
        assertThat(api.unknownFields(ResourceTypes.SERVICES, svc)).isEmpty();
    }
}
