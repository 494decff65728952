package dev.wharf.api.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.common.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenApiTest {
    private static OpenApi api;

    @BeforeAll
    static void build() {
        api = new OpenApi(ResourceTypes.builtIn());
    }

    private static JsonNode schemas(String gv) {
        return api.groupVersion(gv).orElseThrow().path("components").path("schemas");
    }

    @Test
    void rootListsEveryGroupVersionWithHash() {
        ObjectNode root = api.root();
        assertThat(root.path("paths").fieldNames()).toIterable().containsExactly("api/v1", "apis/apps/v1",
                "apis/autoscaling/v2", "apis/networking.k8s.io/v1", "apis/discovery.k8s.io/v1", "apis/coordination.k8s.io/v1");
        assertThat(root.at("/paths/apis~1apps~1v1/serverRelativeURL").asText())
                .matches("/openapi/v3/apis/apps/v1\\?hash=[0-9A-F]{128}");
        assertThat(api.groupVersion("apis/nope/v1")).isEmpty();
        assertThat(api.groupVersion("/openapi/v3/apis/apps/v1?hash=X")).isPresent();
    }

    @Test
    void deploymentSchemaHasDescribedReplicasAndGvk() {
        JsonNode s = schemas("apis/apps/v1");
        JsonNode replicas = s.at("/io.k8s.api.apps.v1.DeploymentSpec/properties/replicas");
        assertThat(replicas.path("type").asText()).isEqualTo("integer");
        assertThat(replicas.path("format").asText()).isEqualTo("int32");
        assertThat(replicas.path("description").asText()).startsWith("Number of desired pods");
        assertThat(s.at("/io.k8s.api.apps.v1.DeploymentSpec/required").toString()).contains("selector", "template");
        assertThat(s.at("/io.k8s.api.apps.v1.Deployment/x-kubernetes-group-version-kind/0").toString())
                .isEqualTo("{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}");
        assertThat(s.at("/io.k8s.api.apps.v1.Deployment/description").asText()).contains("declarative updates");
        assertThat(s.at("/io.k8s.api.apps.v1.DeploymentSpec/properties/strategy/x-kubernetes-patch-strategy").asText())
                .isEqualTo("retainKeys");
    }

    @Test
    void endpointSliceAndIngressClassSchemasLiveInTheirGroups() {
        JsonNode s = schemas("apis/discovery.k8s.io/v1");
        assertThat(s.at("/io.k8s.api.discovery.v1.EndpointSlice/x-kubernetes-group-version-kind/0").toString())
                .isEqualTo("{\"group\":\"discovery.k8s.io\",\"kind\":\"EndpointSlice\",\"version\":\"v1\"}");
        JsonNode props = s.at("/io.k8s.api.discovery.v1.EndpointSlice/properties");
        assertThat(props.at("/endpoints/items/allOf/0/$ref").asText()).isEqualTo("#/components/schemas/io.k8s.api.discovery.v1.Endpoint");
        assertThat(props.at("/ports/items/allOf/0/$ref").asText()).isEqualTo("#/components/schemas/io.k8s.api.discovery.v1.EndpointPort");
        assertThat(s.at("/io.k8s.api.discovery.v1.Endpoint/properties/conditions/allOf/0/$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.api.discovery.v1.EndpointConditions");
        JsonNode n = schemas("apis/networking.k8s.io/v1");
        assertThat(n.at("/io.k8s.api.networking.v1.IngressClass/x-kubernetes-group-version-kind/0/kind").asText()).isEqualTo("IngressClass");
        assertThat(n.at("/io.k8s.api.networking.v1.IngressClassSpec/properties/controller/description").asText()).isNotEmpty();
    }

    @Test
    void podSpecListsCarryPatchMetadata() {
        JsonNode spec = schemas("apis/apps/v1").path("io.k8s.api.core.v1.PodSpec").path("properties");
        assertThat(spec.at("/containers/x-kubernetes-patch-merge-key").asText()).isEqualTo("name");
        assertThat(spec.at("/containers/x-kubernetes-patch-strategy").asText()).isEqualTo("merge");
        assertThat(spec.at("/containers/x-kubernetes-list-type").asText()).isEqualTo("map");
        assertThat(spec.at("/containers/items/allOf/0/$ref").asText()).isEqualTo("#/components/schemas/io.k8s.api.core.v1.Container");
        assertThat(spec.at("/volumes/x-kubernetes-patch-strategy").asText()).isEqualTo("merge,retainKeys");
        assertThat(spec.at("/tolerations/x-kubernetes-list-type").asText()).isEqualTo("atomic");
        assertThat(spec.at("/tolerations/x-kubernetes-patch-strategy").isMissingNode()).isTrue();
        JsonNode container = schemas("api/v1").at("/io.k8s.api.core.v1.Container/properties");
        assertThat(container.at("/ports/x-kubernetes-patch-merge-key").asText()).isEqualTo("containerPort");
        assertThat(container.at("/volumeMounts/x-kubernetes-patch-merge-key").asText()).isEqualTo("mountPath");
        assertThat(schemas("api/v1").at("/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta/properties/finalizers/x-kubernetes-patch-strategy")
                .asText()).isEqualTo("merge");
        assertThat(schemas("api/v1").at("/io.k8s.api.core.v1.ServiceSpec/properties/ports/x-kubernetes-patch-merge-key").asText())
                .isEqualTo("port");
    }

    @Test
    void specialTypesAreNamedLikeUpstream() {
        JsonNode s = schemas("api/v1");
        assertThat(s.at("/io.k8s.apimachinery.pkg.util.intstr.IntOrString/format").asText()).isEqualTo("int-or-string");
        assertThat(s.at("/io.k8s.apimachinery.pkg.api.resource.Quantity/type").asText()).isEqualTo("string");
        assertThat(s.at("/io.k8s.api.core.v1.Event/x-kubernetes-group-version-kind/0/kind").asText()).isEqualTo("Event");
        assertThat(s.at("/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta/properties/creationTimestamp/format").asText())
                .isEqualTo("date-time");
        assertThat(s.at("/io.k8s.api.core.v1.Secret/properties/data/additionalProperties/format").asText()).isEqualTo("byte");
        assertThat(schemas("apis/autoscaling/v2").has("io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerSpec")).isTrue();
        assertThat(schemas("apis/networking.k8s.io/v1").has("io.k8s.api.networking.v1.IngressSpec")).isTrue();
        assertThat(schemas("apis/apps/v1").has("io.k8s.api.autoscaling.v1.Scale")).isTrue();
    }

    @Test
    void everyRefResolvesInItsDocument() {
        for (JsonNode entry : api.root().path("paths")) {
            String path = entry.path("serverRelativeURL").asText();
            ObjectNode doc = api.groupVersion(path).orElseThrow();
            List<String> refs = new ArrayList<>();
            collect(doc, refs);
            assertThat(refs).isNotEmpty();
            for (String ref : refs) {
                assertThat(doc.path("components").path("schemas").has(ref.substring("#/components/schemas/".length())))
                        .as(path + " " + ref).isTrue();
            }
        }
    }

    @Test
    void patchOperationsCarryWhatKubectlNeeds() {
        ObjectNode doc = api.groupVersion("apis/apps/v1").orElseThrow();
        JsonNode patch = doc.path("paths").path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}").path("patch");
        assertThat(patch.path("x-kubernetes-group-version-kind").toString())
                .isEqualTo("{\"group\":\"apps\",\"version\":\"v1\",\"kind\":\"Deployment\"}");
        assertThat(patch.path("parameters").findValuesAsText("name")).contains("fieldValidation", "fieldManager", "force");
        assertThat(patch.path("requestBody").path("content").fieldNames()).toIterable().contains(
                "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json",
                "application/apply-patch+yaml");
        assertThat(doc.path("paths").has("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale")).isTrue();
        JsonNode nodes = api.groupVersion("api/v1").orElseThrow().path("paths").path("/api/v1/nodes/{name}").path("patch");
        assertThat(nodes.path("operationId").asText()).isEqualTo("patchCoreV1Node");
    }

    @Test
    void bytesAreCachedAndMatchTheHash() {
        byte[] a = api.groupVersionBytes("apis/apps/v1").orElseThrow();
        assertThat(Json.parse(a)).isEqualTo(api.groupVersion("apis/apps/v1").orElseThrow());
    }

    private static void collect(JsonNode n, List<String> refs) {
        if (n.isObject() && n.has("$ref")) {
            refs.add(n.get("$ref").asText());
        }
        n.elements().forEachRemaining(c -> collect(c, refs));
    }
}
