package dev.wharf.apiserver.rest;

import static dev.wharf.apiserver.ApiFixture.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.apiserver.ApiFixture;
import dev.wharf.common.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpdateAndPatchTest {
    private final ApiFixture api = new ApiFixture();

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void staleResourceVersionIsAConflict() {
        ObjectNode cm = api.create(ResourceTypes.CONFIGMAPS, "default", configMap("default", "a", "k", "v"));
        ObjectNode first = cm.deepCopy();
        first.with("data").put("k", "v2");
        api.service.updates().update(ResourceTypes.CONFIGMAPS, "default", "a", null, first, WriteOptions.of("t"));
        ObjectNode stale = cm.deepCopy();
        stale.with("data").put("k", "v3");
        assertThatThrownBy(() -> api.service.updates().update(ResourceTypes.CONFIGMAPS, "default", "a", null, stale, WriteOptions.of("t")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.reason()).isEqualTo("Conflict");
                    assertThat(e.getMessage()).isEqualTo("Operation cannot be fulfilled on configmaps \"a\": the object has been "
                            + "modified; please apply your changes to the latest version and try again");
                });
    }

    @Test
    void generationMovesOnlyWithTheSpecAndStatusGoesThroughItsSubresource() {
        ObjectNode d = api.create(ResourceTypes.DEPLOYMENTS, "default", ApiFixture.deployment("default", "web", 1));
        assertThat(d.path("metadata").path("generation").asLong()).isEqualTo(1);
        ObjectNode labelled = d.deepCopy();
        labelled.with("metadata").with("labels").put("tier", "web");
        labelled.putObject("status").put("replicas", 7);
        ObjectNode u1 = api.service.updates().update(ResourceTypes.DEPLOYMENTS, "default", "web", null, labelled, WriteOptions.of("t"));
        assertThat(u1.path("metadata").path("generation").asLong()).isEqualTo(1);
        assertThat(u1.path("status").path("replicas").isMissingNode()).isTrue();

        ObjectNode status = u1.deepCopy();
        status.putObject("status").put("replicas", 1).put("observedGeneration", 1);
        status.with("spec").put("replicas", 5);
        ObjectNode u2 = api.service.updates().update(ResourceTypes.DEPLOYMENTS, "default", "web", "status", status, WriteOptions.of("t"));
        assertThat(u2.path("status").path("replicas").asInt()).isEqualTo(1);
        assertThat(u2.path("spec").path("replicas").asInt()).isEqualTo(1);

        ObjectNode scaled = api.service.patches().patch(ResourceTypes.DEPLOYMENTS, "default", "web", null, PatchType.MERGE,
                Json.parse("{\"spec\":{\"replicas\":3}}"), WriteOptions.of("t")).object();
        assertThat(scaled.path("metadata").path("generation").asLong()).isEqualTo(2);
        assertThat(scaled.path("status").path("replicas").asInt()).isEqualTo(1);
    }

    @Test
    void reApplyingTheSameConfigurationWritesNothing() {
        String config = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"same\",\"namespace\":\"default\"},"
                + "\"data\":{\"k\":\"v\"}}";
        ObjectNode first = api.service.patches().patch(ResourceTypes.CONFIGMAPS, "default", "same", null, PatchType.APPLY,
                Json.parse(config), WriteOptions.of("wharf")).object();
        api.clock.advance(java.time.Duration.ofMinutes(1));
        ObjectNode again = api.service.patches().patch(ResourceTypes.CONFIGMAPS, "default", "same", null, PatchType.APPLY,
                Json.parse(config), WriteOptions.of("wharf")).object();
        assertThat(again.at("/metadata/resourceVersion").asText()).isEqualTo(first.at("/metadata/resourceVersion").asText());
        ObjectNode changed = api.service.patches().patch(ResourceTypes.CONFIGMAPS, "default", "same", null, PatchType.APPLY,
                Json.parse(config.replace("\"v\"", "\"w\"")), WriteOptions.of("wharf")).object();
        assertThat(changed.at("/metadata/resourceVersion").asText()).isNotEqualTo(first.at("/metadata/resourceVersion").asText());
    }

    @Test
    void strategicMergePatchWithStaleResourceVersionConflicts() {
        api.create(ResourceTypes.DEPLOYMENTS, "default", ApiFixture.deployment("default", "web", 1));
        ObjectNode out = api.service.patches().patch(ResourceTypes.DEPLOYMENTS, "default", "web", null, PatchType.STRATEGIC,
                Json.parse("{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.26\"}]}}}}"),
                WriteOptions.of("kubectl-set")).object();
        assertThat(out.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.26");
        assertThatThrownBy(() -> api.service.patches().patch(ResourceTypes.DEPLOYMENTS, "default", "web", null, PatchType.MERGE,
                Json.parse("{\"metadata\":{\"resourceVersion\":\"1\"},\"spec\":{\"replicas\":2}}"), WriteOptions.of("t")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(409));
    }

    @Test
    void scaleSubresourceReadsAndWritesReplicas() {
        api.create(ResourceTypes.DEPLOYMENTS, "default", ApiFixture.deployment("default", "web", 2));
        ObjectNode scale = api.service.scales().get(ResourceTypes.DEPLOYMENTS, "default", "web");
        assertThat(scale.path("kind").asText()).isEqualTo("Scale");
        assertThat(scale.path("apiVersion").asText()).isEqualTo("autoscaling/v1");
        assertThat(scale.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(scale.at("/status/selector").asText()).isEqualTo("app=web");
        ObjectNode patched = api.service.scales().patch(ResourceTypes.DEPLOYMENTS, "default", "web", PatchType.MERGE,
                Json.parse("{\"spec\":{\"replicas\":4}}"), WriteOptions.of("t"));
        assertThat(patched.at("/spec/replicas").asInt()).isEqualTo(4);
        scale.with("spec").put("replicas", 9);
        assertThatThrownBy(() -> api.service.scales().update(ResourceTypes.DEPLOYMENTS, "default", "web", scale, WriteOptions.of("t")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(409));
    }

    @Test
    void bindingSetsTheNodeOnceOnly() {
        api.create(ResourceTypes.PODS, "default", ApiFixture.pod("default", "p"));
        ObjectNode binding = (ObjectNode) Json.parse("{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"p\"},"
                + "\"target\":{\"kind\":\"Node\",\"name\":\"n1\"}}");
        api.service.pods().bind("default", "p", binding, WriteOptions.of("scheduler"));
        assertThat(api.service.reads().get(ResourceTypes.PODS, "default", "p").object().at("/spec/nodeName").asText()).isEqualTo("n1");
        assertThatThrownBy(() -> api.service.pods().bind("default", "p", binding, WriteOptions.of("scheduler")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(409));
    }

    @Test
    void noOpUpdateKeepsTheResourceVersion() {
        ObjectNode cm = api.create(ResourceTypes.CONFIGMAPS, "default", configMap("default", "a", "k", "v"));
        ObjectNode same = api.service.updates().update(ResourceTypes.CONFIGMAPS, "default", "a", null, cm.deepCopy(), WriteOptions.of("t"));
        assertThat(same.at("/metadata/resourceVersion")).isEqualTo(cm.at("/metadata/resourceVersion"));
    }

    @Test
    void serviceUpdateWithoutClusterIpKeepsTheAllocatedOne() {
        ObjectNode svc = ApiFixture.obj("v1", "Service", "default", "s");
        svc.putObject("spec").putArray("ports").addObject().put("port", 80);
        String ip = api.create(ResourceTypes.SERVICES, "default", svc.deepCopy()).at("/spec/clusterIP").asText();
        ObjectNode replaced = api.service.updates().update(ResourceTypes.SERVICES, "default", "s", null, svc, WriteOptions.of("t"));
        assertThat(replaced.at("/spec/clusterIP").asText()).isEqualTo(ip);
        assertThat(replaced.at("/spec/clusterIPs/0").asText()).isEqualTo(ip);
    }
}
