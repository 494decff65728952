package dev.wharf.api.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.common.Json;
import org.junit.jupiter.api.Test;

class JsonAndMergePatchTest {
    private static ObjectNode obj(String json) {
        return (ObjectNode) Json.parse(json);
    }

    private static JsonNode json(String json) {
        return Json.parse(json);
    }

    @Test
    void jsonPatchOperations() {
        ObjectNode target = obj("{\"a\":{\"b/c\":1,\"m~n\":2},\"l\":[1,2,3]}");
        ObjectNode out = Patches.jsonPatch(target, json("""
                [{"op":"add","path":"/l/1","value":9},{"op":"add","path":"/l/-","value":4},
                 {"op":"remove","path":"/a/b~1c"},{"op":"replace","path":"/a/m~0n","value":"x"},
                 {"op":"copy","from":"/a","path":"/c"},{"op":"move","from":"/l/0","path":"/first"},
                 {"op":"test","path":"/first","value":1}]"""));
        assertThat(out).isEqualTo(json("{\"a\":{\"m~n\":\"x\"},\"l\":[9,2,3,4],\"c\":{\"m~n\":\"x\"},\"first\":1}"));
        assertThat(target).isEqualTo(json("{\"a\":{\"b/c\":1,\"m~n\":2},\"l\":[1,2,3]}"));
    }

    @Test
    void rolloutUndoShape() {
        ObjectNode d = obj("{\"metadata\":{\"annotations\":{\"a\":\"1\"}},\"spec\":{\"template\":{\"x\":1}}}");
        ObjectNode out = Patches.jsonPatch(d, json("""
                [{"op":"replace","path":"/spec/template","value":{"y":2}},
                 {"op":"replace","path":"/metadata/annotations","value":{"deployment.kubernetes.io/revision":"1"}}]"""));
        assertThat(out.at("/spec/template")).isEqualTo(json("{\"y\":2}"));
        assertThat(out.at("/metadata/annotations/deployment.kubernetes.io~1revision").asText()).isEqualTo("1");
    }

    @Test
    void failedTestIs422AndMalformedIs400() {
        ObjectNode d = obj("{\"spec\":{\"replicas\":1}}");
        assertThatThrownBy(() -> Patches.jsonPatch(d, json("[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":2}]")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.getMessage()).isEqualTo("the server rejected our request due to an error in our request");
                    assertThat(e.status().getDetails().getCauses().get(0).getMessage()).contains("/spec/replicas");
                });
        assertThatThrownBy(() -> Patches.jsonPatch(d, json("[{\"op\":\"remove\",\"path\":\"/spec/nope\"}]")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(422));
        assertThatThrownBy(() -> Patches.jsonPatch(d, json("{\"op\":\"add\"}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
        assertThatThrownBy(() -> Patches.jsonPatch(d, json("[{\"op\":\"frobnicate\",\"path\":\"/a\"}]")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
        assertThatThrownBy(() -> Patches.jsonPatch(d, json("[{\"op\":\"add\",\"path\":\"/a\"}]")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }

    @Test
    void mergePatchRfc7386() {
        ObjectNode target = obj("{\"a\":\"b\",\"c\":{\"d\":\"e\",\"f\":\"g\"},\"l\":[1,2]}");
        ObjectNode out = Patches.mergePatch(target, json("{\"a\":\"z\",\"c\":{\"f\":null},\"l\":[3],\"n\":{\"x\":null,\"y\":1}}"));
        assertThat(out).isEqualTo(json("{\"a\":\"z\",\"c\":{\"d\":\"e\"},\"l\":[3],\"n\":{\"y\":1}}"));
        assertThat(target.at("/c/f").asText()).isEqualTo("g");
        assertThat(Patches.mergePatch(obj("{\"spec\":{\"replicas\":1}}"), json("{\"spec\":{\"replicas\":3}}")))
                .isEqualTo(json("{\"spec\":{\"replicas\":3}}"));
        assertThatThrownBy(() -> Patches.mergePatch(target, json("[1]")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }
}
