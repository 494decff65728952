package dev.wharf.api.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.common.Json;
import org.junit.jupiter.api.Test;

/** Golden before/patch/after cases, with the bodies kubectl sends (kubectl-wire.md §5 and W2). */
class StrategicMergePatchTest {
    private static JsonNode json(String s) {
        return Json.parse(s);
    }

    private static ObjectNode smp(ResourceType t, String before, String patch) {
        return Patches.strategicMergePatch(t, (ObjectNode) json(before), json(patch));
    }

    private static final String DEPLOY_V1 = """
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"d","labels":{"a":"1","b":"2"},"finalizers":["example.com/f1","example.com/f2"],
               "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"old"}},
             "spec":{"replicas":2,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1,"maxUnavailable":0}},
               "template":{"spec":{
                 "containers":[
                   {"name":"app","image":"busybox:1","args":["a","b"],
                    "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
                    "ports":[{"containerPort":80},{"containerPort":443}]},
                   {"name":"sidecar","image":"envoy"}],
                 "volumes":[{"name":"data","emptyDir":{}}],
                 "tolerations":[{"key":"x","operator":"Exists"}]}}}}""";

    @Test
    void kubectlClientSideApplyDeploymentPatch() {
        ObjectNode out = smp(ResourceTypes.DEPLOYMENTS, DEPLOY_V1, """
                {"metadata":{
                   "$deleteFromPrimitiveList/finalizers":["example.com/f2"],
                   "$setElementOrder/finalizers":["example.com/f1"],
                   "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"new"},
                   "labels":{"b":null}},
                 "spec":{
                   "strategy":{"$retainKeys":["type"],"rollingUpdate":null,"type":"Recreate"},
                   "template":{"spec":{
                     "$setElementOrder/containers":[{"name":"app"}],
                     "$setElementOrder/volumes":[{"name":"data"}],
                     "containers":[
                       {"$setElementOrder/env":[{"name":"C"},{"name":"A"}],
                        "$setElementOrder/ports":[{"containerPort":80}],
                        "args":["c"],
                        "env":[{"name":"C","value":"3"},{"$patch":"delete","name":"B"}],
                        "image":"busybox:2","name":"app",
                        "ports":[{"$patch":"delete","containerPort":443}]},
                       {"$patch":"delete","name":"sidecar"}],
                     "volumes":[{"$retainKeys":["configMap","name"],"configMap":{"name":"cfg"},"emptyDir":null,"name":"data"}]}}}}""");
        assertThat(out).isEqualTo(json("""
                {"apiVersion":"apps/v1","kind":"Deployment",
                 "metadata":{"name":"d","labels":{"a":"1"},"finalizers":["example.com/f1"],
                   "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"new"}},
                 "spec":{"replicas":2,"strategy":{"type":"Recreate"},
                   "template":{"spec":{
                     "containers":[
                       {"name":"app","image":"busybox:2","args":["c"],
                        "env":[{"name":"C","value":"3"},{"name":"A","value":"1"}],
                        "ports":[{"containerPort":80}]}],
                     "volumes":[{"name":"data","configMap":{"name":"cfg"}}],
                     "tolerations":[{"key":"x","operator":"Exists"}]}}}}"""));
    }

    @Test
    void secondApplyChangesImageAndKeepsUnmentionedEnv() {
        ObjectNode out = smp(ResourceTypes.DEPLOYMENTS, """
                {"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.25",
                  "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}]}}}}""", """
                {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],
                  "containers":[{"$setElementOrder/env":[{"name":"A"},{"name":"B"}],"env":[{"name":"B","value":"3"}],
                                 "image":"nginx:1.26","name":"nginx"}]}}}}""");
        assertThat(out).isEqualTo(json("""
                {"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26",
                  "env":[{"name":"A","value":"1"},{"name":"B","value":"3"}]}]}}}}"""));
    }

    @Test
    void servicePortsMergeByPort() {
        ObjectNode out = smp(ResourceTypes.SERVICES, """
                {"spec":{"selector":{"app":"web"},"ports":[{"port":80,"targetPort":80,"protocol":"TCP"},{"port":443,"targetPort":443}]}}""", """
                {"metadata":{"annotations":{"k":"v"}},
                 "spec":{"$setElementOrder/ports":[{"port":80}],"ports":[{"port":80,"targetPort":8080},{"$patch":"delete","port":443}]}}""");
        assertThat(out).isEqualTo(json("""
                {"spec":{"selector":{"app":"web"},"ports":[{"port":80,"targetPort":8080,"protocol":"TCP"}]},
                 "metadata":{"annotations":{"k":"v"}}}"""));
    }

    @Test
    void primitiveMergeListIsAUnionAndAtomicListsAreReplaced() {
        ObjectNode out = smp(ResourceTypes.DEPLOYMENTS, DEPLOY_V1, """
                {"metadata":{"finalizers":["example.com/f3","example.com/f1"],
                   "$setElementOrder/finalizers":["example.com/f3","example.com/f1","example.com/f2"]},
                 "spec":{"template":{"spec":{"tolerations":[{"key":"y","operator":"Exists"}],
                   "containers":[{"name":"app","args":["z"]},{"name":"new","image":"n"}]}}}}""");
        assertThat(out.at("/metadata/finalizers")).isEqualTo(json("[\"example.com/f3\",\"example.com/f1\",\"example.com/f2\"]"));
        assertThat(out.at("/spec/template/spec/tolerations")).isEqualTo(json("[{\"key\":\"y\",\"operator\":\"Exists\"}]"));
        assertThat(out.at("/spec/template/spec/containers")).extracting(c -> c.get("name").asText()).containsExactly("app", "sidecar", "new");
        assertThat(out.at("/spec/template/spec/containers/0/args")).isEqualTo(json("[\"z\"]"));
        assertThat(out.at("/spec/template/spec/containers/0/env").size()).isEqualTo(2);
    }

    @Test
    void setImageAndRolloutRestart() {
        ObjectNode out = smp(ResourceTypes.DEPLOYMENTS, DEPLOY_V1, """
                {"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-01-01T00:00:00Z"}},
                  "spec":{"$setElementOrder/containers":[{"name":"app"},{"name":"sidecar"}],
                          "containers":[{"image":"nginx:1.31","name":"sidecar"}]}}}}""");
        assertThat(out.at("/spec/template/spec/containers/1/image").asText()).isEqualTo("nginx:1.31");
        assertThat(out.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("busybox:1");
        assertThat(out.at("/spec/template/metadata/annotations").size()).isEqualTo(1);
    }

    @Test
    void patchReplaceOnMapsAndLists() {
        ObjectNode out = smp(ResourceTypes.DEPLOYMENTS, DEPLOY_V1, """
                {"metadata":{"labels":{"$patch":"replace","only":"this"}},
                 "spec":{"template":{"spec":{"containers":[{"name":"solo","image":"s"},{"$patch":"replace"}]}}}}""");
        assertThat(out.at("/metadata/labels")).isEqualTo(json("{\"only\":\"this\"}"));
        assertThat(out.at("/spec/template/spec/containers")).isEqualTo(json("[{\"name\":\"solo\",\"image\":\"s\"}]"));
        ObjectNode deleted = smp(ResourceTypes.DEPLOYMENTS, DEPLOY_V1, "{\"spec\":{\"strategy\":{\"$patch\":\"delete\"}}}");
        assertThat(deleted.at("/spec").has("strategy")).isFalse();
    }

    @Test
    void newListsAndMapsAreCreatedWithoutDirectives() {
        ObjectNode out = smp(ResourceTypes.PODS, "{\"spec\":{\"containers\":[{\"name\":\"a\"}]}}", """
                {"spec":{"containers":[{"name":"a","$setElementOrder/env":[{"name":"X"}],"env":[{"name":"X","value":"1"},{"$patch":"delete","name":"Y"}]}],
                         "volumes":[{"name":"v","$retainKeys":["name","emptyDir"],"emptyDir":{}}]}}""");
        assertThat(out).isEqualTo(json("""
                {"spec":{"containers":[{"name":"a","env":[{"name":"X","value":"1"}]}],"volumes":[{"name":"v","emptyDir":{}}]}}"""));
    }

    @Test
    void unknownPathsFallBackToMergePatch() {
        ResourceType crd = new ResourceType("example.com", "v1", "Widget", "widgets", "widget", true,
                java.util.List.of(), java.util.List.of(), java.util.Set.of(), ResourceTypes.PODS.modelClass());
        ObjectNode out = smp(crd, "{\"spec\":{\"items\":[{\"name\":\"a\"}],\"m\":{\"x\":1,\"y\":2}}}",
                "{\"spec\":{\"items\":[{\"name\":\"b\"}],\"m\":{\"x\":null,\"z\":3}}}");
        assertThat(out).isEqualTo(json("{\"spec\":{\"items\":[{\"name\":\"b\"}],\"m\":{\"y\":2,\"z\":3}}}"));
        ObjectNode pod = smp(ResourceTypes.PODS, "{\"spec\":{\"extra\":[1,2]}}", "{\"spec\":{\"extra\":[3]}}");
        assertThat(pod.at("/spec/extra")).isEqualTo(json("[3]"));
    }

    @Test
    void ownerReferencesMergeByUidAndConditionsByType() {
        ObjectNode out = smp(ResourceTypes.REPLICASETS, """
                {"metadata":{"ownerReferences":[{"uid":"u1","name":"a"}]},
                 "status":{"conditions":[{"type":"A","status":"True"},{"type":"B","status":"False"}]}}""", """
                {"metadata":{"ownerReferences":[{"uid":"u2","name":"b"}]},"status":{"conditions":[{"type":"B","status":"True"}]}}""");
        assertThat(out.at("/metadata/ownerReferences").findValuesAsText("uid")).containsExactly("u1", "u2");
        assertThat(out.at("/status/conditions")).isEqualTo(json("[{\"type\":\"A\",\"status\":\"True\"},{\"type\":\"B\",\"status\":\"True\"}]"));
    }

    @Test
    void malformedPatchesAre400() {
        assertThatThrownBy(() -> smp(ResourceTypes.PODS, "{}", "[1]"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
        assertThatThrownBy(() -> smp(ResourceTypes.PODS, "{\"spec\":{\"containers\":[{\"name\":\"a\"}]}}",
                "{\"spec\":{\"containers\":[{\"image\":\"x\"}]}}"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("does not contain declared merge key: name");
                });
        assertThatThrownBy(() -> smp(ResourceTypes.PODS, "{}", "{\"metadata\":{\"$patch\":\"explode\"}}"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }
}
