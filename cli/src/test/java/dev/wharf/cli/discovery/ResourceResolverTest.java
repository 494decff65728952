package dev.wharf.cli.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.cli.DiscoveryFixture;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceResolverTest {
    private final Map<String, JsonNode> documents = DiscoveryFixture.documents();
    private final List<String> fetched = new ArrayList<>();
    private final ResourceResolver resolver = new ResourceResolver(new Discovery(path -> {
        fetched.add(path);
        JsonNode doc = documents.get(path);
        if (doc == null) {
            throw new KubernetesClientException(new StatusBuilder().withCode(404).withReason("NotFound").withMessage("not found").build());
        }
        return doc;
    }));

    @Test
    void resolvesPluralSingularShortNameAndKindInAnyCase() {
        for (String word : List.of("deployments", "deployment", "deploy", "Deployment", "DEPLOY")) {
            assertThat(resolver.resolveOne(word)).extracting(ApiResource::group, ApiResource::plural)
                    .containsExactly("apps", "deployments");
        }
        assertThat(resolver.resolveOne("po").kind()).isEqualTo("Pod");
        assertThat(resolver.resolveOne("svc").collectionPath("default")).isEqualTo("/api/v1/namespaces/default/services");
        assertThat(resolver.resolveOne("ns").collectionPath("default")).isEqualTo("/api/v1/namespaces");
        assertThat(resolver.resolveOne("hpa").apiVersion()).isEqualTo("autoscaling/v2");
    }

    @Test
    void coreNamesReadOnlyTheCoreDiscoveryDocuments() {
        resolver.resolveOne("pods");

        assertThat(fetched).containsExactly("/api", "/apis", "/api/v1");
    }

    @Test
    void resolvesGroupQualifiedNames() {
        assertThat(resolver.resolveOne("deployments.apps").kind()).isEqualTo("Deployment");
        assertThat(resolver.resolveOne("deploy.v1.apps").kind()).isEqualTo("Deployment");
        assertThat(resolver.resolveOne("ingresses.networking.k8s.io").kind()).isEqualTo("Ingress");
    }

    @Test
    void allIsTheCategoryInDiscoveryOrder() {
        assertThat(resolver.resolve("all")).extracting(ApiResource::plural)
                .containsExactly("pods", "services", "deployments", "replicasets", "horizontalpodautoscalers");
    }

    @Test
    void subresourcesAreNotResourceTypes() {
        assertThat(resolver.resolve("deployments")).hasSize(1);
        assertThatThrownBy(() -> resolver.resolve("scale")).hasMessage("error: the server doesn't have a resource type \"scale\"");
    }

    @Test
    void unknownTypesReadLikeKubectl() {
        assertThatThrownBy(() -> resolver.resolve("foos")).hasMessage("error: the server doesn't have a resource type \"foos\"");
    }

    @Test
    void manifestKindsResolveThroughTheirGroupVersionOnly() {
        assertThat(resolver.forKind("apps/v1", "ReplicaSet").plural()).isEqualTo("replicasets");
        assertThat(fetched).containsExactly("/apis/apps/v1");
        assertThatThrownBy(() -> resolver.forKind("apps/v1", "StatefulSet"))
                .hasMessage("no matches for kind \"StatefulSet\" in version \"apps/v1\"");
        assertThatThrownBy(() -> resolver.forKind("example.com/v1", "Widget"))
                .hasMessageContaining("no matches for kind \"Widget\" in version \"example.com/v1\"");
    }

    @Test
    void namesForMessages() {
        ApiResource deploy = resolver.resolveOne("deploy");
        assertThat(deploy.qualifiedKind()).isEqualTo("deployment.apps");
        assertThat(deploy.qualifiedPlural()).isEqualTo("deployments.apps");
        assertThat(resolver.resolveOne("pods").qualifiedKind()).isEqualTo("pod");
    }
}
