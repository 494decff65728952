package dev.wharf.api.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.common.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenApiV2Test {
    private static OpenApiV2 v2;
    private static ObjectNode doc;

    @BeforeAll
    static void build() {
        v2 = new OpenApiV2(new OpenApi(ResourceTypes.builtIn()));
        doc = v2.document();
    }

    @Test
    void definitionsUseV2RefsAndKeepPatchMetadata() {
        JsonNode defs = doc.path("definitions");
        assertThat(doc.path("swagger").asText()).isEqualTo("2.0");
        assertThat(defs.at("/io.k8s.api.apps.v1.Deployment/x-kubernetes-group-version-kind/0").toString())
                .isEqualTo("{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}");
        JsonNode containers = defs.at("/io.k8s.api.core.v1.PodSpec/properties/containers");
        assertThat(containers.path("items").toString()).isEqualTo("{\"$ref\":\"#/definitions/io.k8s.api.core.v1.Container\"}");
        assertThat(containers.path("x-kubernetes-patch-merge-key").asText()).isEqualTo("name");
        assertThat(containers.path("x-kubernetes-patch-strategy").asText()).isEqualTo("merge");
        JsonNode metadata = defs.at("/io.k8s.api.apps.v1.Deployment/properties/metadata");
        assertThat(metadata.path("$ref").asText()).isEqualTo("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
        assertThat(metadata.has("allOf")).isFalse();
        JsonNode wrapped = SwaggerConverter.schema(Json.parse("{\"description\":\"d\",\"default\":{},\"x-kubernetes-patch-strategy\":"
                + "\"merge\",\"allOf\":[{\"$ref\":\"#/components/schemas/X\"}]}"));
        assertThat(wrapped.toString()).isEqualTo("{\"$ref\":\"#/definitions/X\",\"description\":\"d\",\"x-kubernetes-patch-strategy\":\"merge\"}");
        assertThat(Json.string(doc)).doesNotContain("#/components/schemas/").doesNotContain("\"allOf\"");
        List<String> dangling = new ArrayList<>();
        Matcher m = Pattern.compile("\"#/definitions/([^\"]+)\"").matcher(Json.string(doc));
        while (m.find()) {
            if (!defs.has(m.group(1))) {
                dangling.add(m.group(1));
            }
        }
        assertThat(dangling).isEmpty();
    }

    @Test
    void operationsHaveBodyAndQueryParametersAndGvk() {
        JsonNode patch = doc.at("/paths/~1apis~1apps~1v1~1namespaces~1{namespace}~1deployments~1{name}/patch");
        assertThat(patch.path("x-kubernetes-action").asText()).isEqualTo("patch");
        assertThat(patch.path("x-kubernetes-group-version-kind").toString())
                .isEqualTo("{\"group\":\"apps\",\"version\":\"v1\",\"kind\":\"Deployment\"}");
        assertThat(patch.path("consumes").toString()).contains("application/strategic-merge-patch+json");
        JsonNode body = patch.path("parameters").get(0);
        assertThat(body.path("in").asText()).isEqualTo("body");
        assertThat(body.at("/schema/$ref").asText()).isEqualTo("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch");
        assertThat(patch.path("parameters").toString()).contains("{\"name\":\"fieldValidation\",\"in\":\"query\"");
        assertThat(patch.at("/responses/200/schema/$ref").asText()).isEqualTo("#/definitions/io.k8s.api.apps.v1.Deployment");
        assertThat(doc.at("/paths/~1api~1v1~1namespaces~1{namespace}~1pods/post/operationId").asText())
                .isEqualTo("createCoreV1NamespacedPod");
    }

    @Test
    void protobufFollowsTheGnosticFieldNumbers() throws Exception {
        UnknownFieldSet d = UnknownFieldSet.parseFrom(v2.protobuf());
        assertThat(string(d, 1)).isEqualTo("2.0");
        assertThat(string(message(d, 2), 1)).isEqualTo("Kubernetes");
        // Document.definitions (9) -> Definitions.additional_properties (1) -> NamedSchema {name 1, value 2}
        UnknownFieldSet deployment = named(message(d, 9), 1, "io.k8s.api.apps.v1.Deployment").orElseThrow();
        assertThat(strings(message(deployment, 22), 1)).containsExactly("object"); // Schema.type -> TypeItem.value
        UnknownFieldSet gvk = named(deployment, 31, "x-kubernetes-group-version-kind").orElseThrow(); // vendor_extension
        assertThat(Json.parse(string(gvk, 2)).get(0).path("kind").asText()).isEqualTo("Deployment"); // Any.yaml
        UnknownFieldSet podSpec = named(message(d, 9), 1, "io.k8s.api.core.v1.PodSpec").orElseThrow();
        UnknownFieldSet containers = named(message(podSpec, 25), 1, "containers").orElseThrow(); // properties
        assertThat(string(named(containers, 31, "x-kubernetes-patch-merge-key").orElseThrow(), 2)).isEqualTo("\"name\"\n");
        UnknownFieldSet items = message(message(containers, 23), 1); // items -> ItemsItem.schema
        assertThat(string(items, 1)).isEqualTo("#/definitions/io.k8s.api.core.v1.Container"); // Schema._ref
        // Document.paths (8) -> Paths.path (2) -> NamedPathItem -> PathItem.patch (8) -> Operation.parameters (8)
        UnknownFieldSet item = named(message(d, 8), 2, "/apis/apps/v1/namespaces/{namespace}/deployments/{name}").orElseThrow();
        UnknownFieldSet patch = message(item, 8);
        assertThat(string(named(patch, 13, "x-kubernetes-action").orElseThrow(), 2)).isEqualTo("\"patch\"\n");
        List<String> queryParams = new ArrayList<>();
        for (ByteString p : patch.getField(8).getLengthDelimitedList()) {
            // ParametersItem.parameter (1) -> Parameter.non_body_parameter (2) -> query_parameter_sub_schema (3) -> name (4)
            UnknownFieldSet parameter = message(UnknownFieldSet.parseFrom(p), 1);
            if (parameter.hasField(2)) {
                queryParams.add(string(message(message(parameter, 2), 3), 4));
            }
        }
        assertThat(queryParams).contains("fieldValidation", "dryRun", "fieldManager");
        assertThat(v2.protobuf()).isEqualTo(v2.protobuf());
        assertThat(Json.parse(v2.json())).isEqualTo(doc);
    }

    private static Optional<UnknownFieldSet> named(UnknownFieldSet m, int field, String name) throws InvalidProtocolBufferException {
        for (ByteString b : m.getField(field).getLengthDelimitedList()) {
            UnknownFieldSet entry = UnknownFieldSet.parseFrom(b);
            if (name.equals(string(entry, 1))) {
                return Optional.of(message(entry, 2));
            }
        }
        return Optional.empty();
    }

    private static UnknownFieldSet message(UnknownFieldSet m, int field) throws InvalidProtocolBufferException {
        return UnknownFieldSet.parseFrom(m.getField(field).getLengthDelimitedList().getFirst());
    }

    private static String string(UnknownFieldSet m, int field) {
        List<ByteString> values = m.getField(field).getLengthDelimitedList();
        return values.isEmpty() ? null : values.getFirst().toStringUtf8();
    }

    private static List<String> strings(UnknownFieldSet m, int field) {
        return m.getField(field).getLengthDelimitedList().stream().map(ByteString::toStringUtf8).toList();
    }
}
