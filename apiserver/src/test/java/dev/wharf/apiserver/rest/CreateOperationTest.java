package dev.wharf.apiserver.rest;

import static dev.wharf.apiserver.ApiFixture.configMap;
import static dev.wharf.apiserver.ApiFixture.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.apiserver.ApiFixture;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CreateOperationTest {
    private final ApiFixture api = new ApiFixture();

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void createSetsSystemFieldsAndResourceVersionIsTheModRevision() {
        ObjectNode cm = api.create(ResourceTypes.CONFIGMAPS, "default", configMap("default", "a", "k", "v"));
        assertThat(cm.path("metadata").path("uid").asText()).hasSize(36);
        assertThat(cm.path("metadata").path("creationTimestamp").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(cm.path("metadata").path("resourceVersion").asText())
                .isEqualTo(Long.toString(api.store.get("/registry/core/configmaps/default/a").orElseThrow().modRevision()));
        assertThat(api.service.reads().get(ResourceTypes.CONFIGMAPS, "default", "a").object()).isEqualTo(cm);
    }

    @Test
    void secondCreateIsAlreadyExists() {
        api.create(ResourceTypes.CONFIGMAPS, "default", configMap("default", "a", "k", "v"));
        assertThatThrownBy(() -> api.create(ResourceTypes.CONFIGMAPS, "default", configMap("default", "a", "k", "v")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.reason()).isEqualTo("AlreadyExists");
                    assertThat(e.getMessage()).isEqualTo("configmaps \"a\" already exists");
                });
    }

    @Test
    void missingNamespaceIsNotFoundAndMismatchIsBadRequest() {
        assertThatThrownBy(() -> api.create(ResourceTypes.CONFIGMAPS, "nope", configMap(null, "a", "k", "v")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).isEqualTo("namespaces \"nope\" not found"));
        assertThatThrownBy(() -> api.create(ResourceTypes.CONFIGMAPS, "default", configMap("other", "a", "k", "v")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }

    @Test
    void aNewNamespaceGetsTheKubernetesFinalizerAndFinalizeRemovesItForGood() {
        ObjectNode ns = api.namespace("team");
        assertThat(ns.at("/spec/finalizers/0").asText()).isEqualTo("kubernetes");
        assertThat(ns.at("/status/phase").asText()).isEqualTo("Active");
        ObjectNode finalized = ns.deepCopy();
        finalized.with("spec").putArray("finalizers");
        ObjectNode after = api.service.updates().update(ResourceTypes.NAMESPACES, null, "team", "finalize", finalized,
                WriteOptions.of("test"));
        assertThat(after.at("/spec/finalizers").isEmpty()).isTrue();
    }

    @Test
    void generateNameAddsAFiveCharacterSuffix() {
        ObjectNode cm = configMap("default", null, "k", "v");
        cm.with("metadata").put("generateName", "web-");
        ObjectNode created = api.create(ResourceTypes.CONFIGMAPS, "default", cm);
        assertThat(created.path("metadata").path("name").asText()).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}");
    }

    @Test
    void dryRunStoresNothing() {
        long before = api.store.currentRevision();
        ObjectNode out = api.service.creates().create(ResourceTypes.CONFIGMAPS, "default", configMap("default", "a", "k", "v"),
                new WriteOptions("test", true, "Strict", false, new ArrayList<>()));
        assertThat(out.path("metadata").path("uid").asText()).isNotEmpty();
        assertThat(api.store.currentRevision()).isEqualTo(before);
    }

    @Test
    void strictFieldValidationRejectsUnknownFieldsAndWarnWarns() {
        ObjectNode cm = configMap("default", "a", "k", "v");
        cm.put("spex", 1);
        assertThatThrownBy(() -> api.service.creates().create(ResourceTypes.CONFIGMAPS, "default", cm.deepCopy(),
                new WriteOptions("t", false, "Strict", false, null)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("strict decoding error: unknown field \"spex\"");
                });
        WriteOptions warn = new WriteOptions("t", false, "Warn", false, null);
        api.service.creates().create(ResourceTypes.CONFIGMAPS, "default", cm, warn);
        assertThat(warn.warnings()).containsExactly("unknown field \"spex\"");
    }

    @Test
    void kindMustMatchTheUrl() {
        assertThatThrownBy(() -> api.create(ResourceTypes.CONFIGMAPS, "default", obj("v1", "Secret", "default", "a")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }

    @Test
    void invalidObjectIsUnprocessable() {
        ObjectNode pod = ApiFixture.pod("default", "p");
        ((ObjectNode) pod.path("spec").path("containers").get(0)).remove("image");
        assertThatThrownBy(() -> api.create(ResourceTypes.PODS, "default", pod))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.status().getDetails().getCauses()).extracting(c -> c.getField())
                            .contains("spec.containers[0].image");
                });
        assertThat(api.store.get("/registry/core/pods/default/p")).isEmpty();
    }

    @Test
    void servicesGetUniqueClusterIpsFromTheServiceRange() {
        ObjectNode a = ApiFixture.obj("v1", "Service", "default", "a");
        a.putObject("spec").putArray("ports").addObject().put("port", 80);
        ObjectNode b = a.deepCopy();
        b.with("metadata").put("name", "b");
        ObjectNode headless = a.deepCopy();
        headless.with("metadata").put("name", "h");
        headless.with("spec").put("clusterIP", "None");
        String ipA = api.create(ResourceTypes.SERVICES, "default", a).path("spec").path("clusterIP").asText();
        String ipB = api.create(ResourceTypes.SERVICES, "default", b).path("spec").path("clusterIP").asText();
        assertThat(ipA).startsWith("100.64.").isNotEqualTo(ipB);
        assertThat(ipB).startsWith("100.64.");
        assertThat(api.create(ResourceTypes.SERVICES, "default", headless).path("spec").path("clusterIP").asText()).isEqualTo("None");
        ObjectNode taken = a.deepCopy();
        taken.with("metadata").put("name", "c");
        taken.with("spec").put("clusterIP", ipA);
        assertThatThrownBy(() -> api.create(ResourceTypes.SERVICES, "default", taken))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(422));
    }
}
