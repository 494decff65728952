package dev.wharf.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourcePathTest {
    @Test
    void namespacedCollectionsItemsAndSubresources() {
        assertThat(ResourcePath.parse("/api/v1/namespaces/default/pods")).contains(
                new ResourcePath("", "v1", false, "default", "pods", null, null));
        assertThat(ResourcePath.parse("/apis/apps/v1/namespaces/ns/deployments/web/scale")).contains(
                new ResourcePath("apps", "v1", false, "ns", "deployments", "web", "scale"));
        assertThat(ResourcePath.parse("/api/v1/watch/namespaces/default/pods")).contains(
                new ResourcePath("", "v1", true, "default", "pods", null, null));
        assertThat(ResourcePath.parse("/api/v1/pods")).contains(new ResourcePath("", "v1", false, null, "pods", null, null));
    }

    @Test
    void namespacesThemselvesAndTheirSubresources() {
        assertThat(ResourcePath.parse("/api/v1/namespaces")).contains(new ResourcePath("", "v1", false, null, "namespaces", null, null));
        assertThat(ResourcePath.parse("/api/v1/namespaces/demo")).contains(
                new ResourcePath("", "v1", false, null, "namespaces", "demo", null));
        assertThat(ResourcePath.parse("/api/v1/namespaces/demo/finalize")).contains(
                new ResourcePath("", "v1", false, null, "namespaces", "demo", "finalize"));
    }

    @Test
    void otherPathsAreNotResources() {
        assertThat(ResourcePath.parse("/api")).isEmpty();
        assertThat(ResourcePath.parse("/apis/apps")).isEmpty();
        assertThat(ResourcePath.parse("/api/v1/namespaces/a/pods/b/log/extra")).isEmpty();
    }

    @Test
    void acceptHeadersChooseTablesAndAggregatedDiscovery() {
        assertThat(MediaTypes.wantsTable("application/json;as=Table;v=v1;g=meta.k8s.io,application/json")).isTrue();
        assertThat(MediaTypes.wantsTable("application/json")).isFalse();
        assertThat(MediaTypes.wantsAggregatedDiscovery(
                "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json")).isTrue();
        assertThat(MediaTypes.wantsAggregatedDiscovery(
                "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json")).isFalse();
    }
}
