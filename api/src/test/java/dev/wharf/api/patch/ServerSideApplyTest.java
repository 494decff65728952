package dev.wharf.api.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.common.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServerSideApplyTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
    private static final Instant T1 = Instant.parse("2026-01-02T03:05:00Z");

    private static ObjectNode obj(String s) {
        return (ObjectNode) Json.parse(s);
    }

    private static ObjectNode deploy(int replicas, String image, String labels) {
        return obj("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","labels":%s},
                 "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"web"}},
                  "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"%s"}]}}}}"""
                .formatted(labels, replicas, image));
    }

    private static JsonNode entry(ObjectNode o, String manager) {
        for (JsonNode e : o.at("/metadata/managedFields")) {
            if (e.path("manager").asText().equals(manager)) {
                return e;
            }
        }
        return null;
    }

    @Test
    void createRecordsApplyOwnershipInFieldsV1() {
        ObjectNode out = ServerSideApply.apply(ResourceTypes.DEPLOYMENTS, null, deploy(2, "nginx:1", "{\"app\":\"web\"}"),
                "kubectl", false, T0);
        assertThat(out.at("/spec/replicas").asInt()).isEqualTo(2);
        JsonNode e = entry(out, "kubectl");
        assertThat(e.path("operation").asText()).isEqualTo("Apply");
        assertThat(e.path("apiVersion").asText()).isEqualTo("apps/v1");
        assertThat(e.path("time").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(e.path("fieldsType").asText()).isEqualTo("FieldsV1");
        assertThat(e.path("fieldsV1")).isEqualTo(Json.parse("""
                {"f:metadata":{"f:labels":{"f:app":{}}},
                 "f:spec":{"f:replicas":{},"f:selector":{},
                  "f:template":{"f:metadata":{"f:labels":{"f:app":{}}},
                   "f:spec":{"f:containers":{"k:{\\"name\\":\\"web\\"}":{".":{},"f:image":{},"f:name":{}}}}}}}"""));
    }

    @Test
    void reapplyBySameManagerUpdatesWithoutConflict() {
        ObjectNode v1 = ServerSideApply.apply(ResourceTypes.DEPLOYMENTS, null, deploy(2, "nginx:1", "{\"app\":\"web\"}"), "kubectl", false, T0);
        ObjectNode v2 = ServerSideApply.apply(ResourceTypes.DEPLOYMENTS, v1, deploy(3, "nginx:2", "{\"app\":\"web\"}"), "kubectl", false, T1);
        assertThat(v2.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(v2.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:2");
        assertThat(v2.at("/metadata/managedFields").size()).isEqualTo(1);
        assertThat(v1.at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    void changingAFieldAnotherManagerOwnsIsAConflict() {
        ObjectNode live = deploy(2, "nginx:1", "{\"app\":\"web\"}");
        ServerSideApply.recordUpdate(ResourceTypes.DEPLOYMENTS, null, live, "kubectl-client-side-apply", null, T0);
        assertThat(entry(live, "kubectl-client-side-apply").at("/fieldsV1/f:spec/f:replicas").isObject()).isTrue();
        assertThatThrownBy(() -> ServerSideApply.apply(ResourceTypes.DEPLOYMENTS, live, deploy(5, "nginx:1", "{\"app\":\"web\"}"),
                "kubectl", false, T1))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.reason()).isEqualTo("Conflict");
                    assertThat(e.getMessage()).isEqualTo(
                            "Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas");
                    var cause = e.status().getDetails().getCauses().get(0);
                    assertThat(cause.getReason()).isEqualTo("FieldManagerConflict");
                    assertThat(cause.getField()).isEqualTo(".spec.replicas");
                    assertThat(cause.getMessage()).isEqualTo("conflict with \"kubectl-client-side-apply\" using apps/v1");
                });
        // the same values are shared ownership, not a conflict
        ObjectNode shared = ServerSideApply.apply(ResourceTypes.DEPLOYMENTS, live, deploy(2, "nginx:1", "{\"app\":\"web\"}"),
                "kubectl", false, T1);
        assertThat(entry(shared, "kubectl-client-side-apply").at("/fieldsV1/f:spec/f:replicas").isObject()).isTrue();
        assertThat(entry(shared, "kubectl").at("/fieldsV1/f:spec/f:replicas").isObject()).isTrue();
    }

    @Test
    void severalConflictsAreListedPerManager() {
        ObjectNode live = deploy(2, "nginx:1", "{\"app\":\"web\"}");
        ServerSideApply.recordUpdate(ResourceTypes.DEPLOYMENTS, null, live, "editor", null, T0);
        assertThatThrownBy(() -> ServerSideApply.apply(ResourceTypes.DEPLOYMENTS, live, deploy(5, "nginx:9", "{\"app\":\"web\"}"),
                "kubectl", false, T1))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "Apply failed with 2 conflicts: conflicts with \"editor\" using apps/v1:\n- .spec.replicas\n"
                                + "- .spec.template.spec.containers[name=\"web\"].image"));
    }

    @Test
    void forceTakesOwnership() {
        ObjectNode live = deploy(2, "nginx:1", "{\"app\":\"web\"}");
        ServerSideApply.recordUpdate(ResourceTypes.DEPLOYMENTS, null, live, "kubectl-client-side-apply", null, T0);
        ObjectNode out = ServerSideApply.apply(ResourceTypes.DEPLOYMENTS, live, deploy(5, "nginx:1", "{\"app\":\"web\"}"),
                "kubectl", true, T1);
        assertThat(out.at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(entry(out, "kubectl-client-side-apply").at("/fieldsV1/f:spec").has("f:replicas")).isFalse();
        assertThat(entry(out, "kubectl-client-side-apply").at("/fieldsV1/f:spec").has("f:selector")).isTrue();
        assertThat(entry(out, "kubectl").at("/fieldsV1/f:spec").has("f:replicas")).isTrue();
    }

    @Test
    void omittedFieldsAreRemovedUnlessSomeoneElseOwnsThem() {
        ObjectNode v1 = ServerSideApply.apply(ResourceTypes.DEPLOYMENTS, null,
                deploy(2, "nginx:1", "{\"app\":\"web\",\"tier\":\"front\",\"team\":\"a\"}"), "kubectl", false, T0);
        ObjectNode edited = v1.deepCopy();
        edited.withArray("/spec/template/spec/containers").addObject().put("name", "sidecar").put("image", "envoy");
        ServerSideApply.recordUpdate(ResourceTypes.DEPLOYMENTS, v1, edited, "other", null, T0);
        ObjectNode labeled = edited.deepCopy();
        ((ObjectNode) labeled.at("/metadata/labels")).put("team", "b");
        ServerSideApply.recordUpdate(ResourceTypes.DEPLOYMENTS, edited, labeled, "labeler", null, T0);
        ObjectNode v2 = ServerSideApply.apply(ResourceTypes.DEPLOYMENTS, labeled, obj("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},
                 "spec":{"selector":{"matchLabels":{"app":"web"}},
                  "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx:1"}]}}}}"""),
                "kubectl", false, T1);
        assertThat(v2.at("/metadata/labels")).isEqualTo(Json.parse("{\"app\":\"web\",\"team\":\"b\"}"));
        assertThat(v2.at("/spec").has("replicas")).isFalse();
        assertThat(v2.at("/spec/template/spec/containers")).extracting(c -> c.get("name").asText()).containsExactly("web", "sidecar");
        assertThat(entry(v2, "other").at("/fieldsV1/f:spec/f:template/f:spec/f:containers").fieldNames())
                .toIterable().containsExactly("k:{\"name\":\"sidecar\"}");
    }

    @Test
    void applyMergesListsByKeyAndKeepsOtherManagersElements() {
        ObjectNode v1 = ServerSideApply.apply(ResourceTypes.DEPLOYMENTS, null, deploy(1, "a", "{\"app\":\"web\"}"), "one", false, T0);
        ObjectNode v2 = ServerSideApply.apply(ResourceTypes.DEPLOYMENTS, v1, obj("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
                 "spec":{"template":{"spec":{"containers":[{"name":"log","image":"fluent"}]}}}}"""), "two", false, T1);
        assertThat(v2.at("/spec/template/spec/containers")).extracting(c -> c.get("name").asText()).containsExactly("web", "log");
        assertThat(v2.at("/metadata/managedFields").size()).isEqualTo(2);
    }

    @Test
    void recordUpdateOwnsChangedFieldsAndTakesThemFromOthers() {
        ObjectNode v1 = ServerSideApply.apply(ResourceTypes.DEPLOYMENTS, null, deploy(2, "nginx:1", "{\"app\":\"web\"}"), "kubectl", false, T0);
        ObjectNode scaled = v1.deepCopy();
        ((ObjectNode) scaled.get("spec")).put("replicas", 4);
        ServerSideApply.recordUpdate(ResourceTypes.DEPLOYMENTS, v1, scaled, "kubectl-scale", null, T1);
        JsonNode mine = entry(scaled, "kubectl-scale");
        assertThat(mine.path("operation").asText()).isEqualTo("Update");
        assertThat(mine.path("fieldsV1")).isEqualTo(Json.parse("{\"f:spec\":{\"f:replicas\":{}}}"));
        assertThat(entry(scaled, "kubectl").at("/fieldsV1/f:spec").has("f:replicas")).isFalse();
        // a later Update by the same manager adds to its set
        ObjectNode labeled = scaled.deepCopy();
        ((ObjectNode) labeled.at("/metadata/labels")).put("x", "y");
        ServerSideApply.recordUpdate(ResourceTypes.DEPLOYMENTS, scaled, labeled, "kubectl-scale", null, T1);
        assertThat(entry(labeled, "kubectl-scale").at("/fieldsV1/f:metadata/f:labels").has("f:x")).isTrue();
        assertThat(entry(labeled, "kubectl-scale").at("/fieldsV1/f:spec").has("f:replicas")).isTrue();
    }

    @Test
    void statusWritesAreScopedToTheSubresource() {
        ObjectNode v1 = deploy(1, "a", "{\"app\":\"web\"}");
        ServerSideApply.recordUpdate(ResourceTypes.DEPLOYMENTS, null, v1, "creator", null, T0);
        ObjectNode withStatus = v1.deepCopy();
        withStatus.putObject("status").put("replicas", 1);
        ServerSideApply.recordUpdate(ResourceTypes.DEPLOYMENTS, v1, withStatus, "controller", "status", T1);
        JsonNode e = entry(withStatus, "controller");
        assertThat(e.path("subresource").asText()).isEqualTo("status");
        assertThat(e.path("fieldsV1")).isEqualTo(Json.parse("{\"f:status\":{\"f:replicas\":{}}}"));
        assertThat(entry(withStatus, "creator").path("fieldsV1").has("f:status")).isFalse();
    }

    @Test
    void keyedListsFollowTheConfigOrderAndEmptiedParentsArePruned() {
        ObjectNode v1 = ServerSideApply.apply(ResourceTypes.DEPLOYMENTS, null, obj("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},
                 "spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}},
                  "template":{"spec":{"containers":[{"name":"app","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}]}}}}"""),
                "kubectl", false, T0);
        ObjectNode v2 = ServerSideApply.apply(ResourceTypes.DEPLOYMENTS, v1, obj("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},
                 "spec":{"strategy":{"type":"Recreate"},
                  "template":{"spec":{"containers":[{"name":"app","env":[{"name":"C","value":"3"},{"name":"A","value":"1"}]}]}}}}"""),
                "kubectl", false, T1);
        assertThat(v2.at("/spec/strategy")).isEqualTo(Json.parse("{\"type\":\"Recreate\"}"));
        assertThat(v2.at("/spec/template/spec/containers/0/env")).extracting(e -> e.get("name").asText()).containsExactly("C", "A");
    }

    @Test
    void untrackedFieldsBelongToBeforeFirstApply() {
        ObjectNode untracked = deploy(2, "nginx:1", "{\"app\":\"web\"}");
        assertThatThrownBy(() -> ServerSideApply.apply(ResourceTypes.DEPLOYMENTS, untracked, deploy(3, "nginx:1", "{\"app\":\"web\"}"),
                "kubectl", false, T1))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "Apply failed with 1 conflict: conflict with \"before-first-apply\" using apps/v1: .spec.replicas"));
        ObjectNode same = ServerSideApply.apply(ResourceTypes.DEPLOYMENTS, untracked, deploy(2, "nginx:1", "{\"app\":\"web\"}"),
                "kubectl", false, T1);
        assertThat(entry(same, "before-first-apply").path("operation").asText()).isEqualTo("Update");
        assertThat(entry(same, "kubectl").path("operation").asText()).isEqualTo("Apply");
    }
}
