package dev.wharf.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.apiserver.ApiFixture;
import dev.wharf.common.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeleteOperationTest {
    private final ApiFixture api = new ApiFixture();

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void plainObjectsGoAtOnce() {
        api.create(ResourceTypes.CONFIGMAPS, "default", ApiFixture.configMap("default", "a", "k", "v"));
        DeleteOperation.Result r = api.service.deletes().delete(ResourceTypes.CONFIGMAPS, "default", "a", DeleteRequest.DEFAULT);
        assertThat(r.deleted()).isTrue();
        assertThatThrownBy(() -> api.service.deletes().delete(ResourceTypes.CONFIGMAPS, "default", "a", DeleteRequest.DEFAULT))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(404));
    }

    @Test
    void finalizersKeepTheObjectUntilAnUpdateRemovesThem() {
        ObjectNode cm = ApiFixture.configMap("default", "a", "k", "v");
        cm.with("metadata").putArray("finalizers").add("example.com/f");
        api.create(ResourceTypes.CONFIGMAPS, "default", cm);
        DeleteOperation.Result r = api.service.deletes().delete(ResourceTypes.CONFIGMAPS, "default", "a", DeleteRequest.DEFAULT);
        assertThat(r.deleted()).isFalse();
        assertThat(r.object().at("/metadata/deletionTimestamp").asText()).isEqualTo("2026-01-01T00:00:00Z");
        api.service.patches().patch(ResourceTypes.CONFIGMAPS, "default", "a", null, PatchType.MERGE,
                Json.parse("{\"metadata\":{\"finalizers\":null}}"), WriteOptions.of("t"));
        assertThat(api.store.get("/registry/core/configmaps/default/a")).isEmpty();
    }

    @Test
    void foregroundAndOrphanAddTheirFinalizers() {
        api.create(ResourceTypes.DEPLOYMENTS, "default", ApiFixture.deployment("default", "fg", 1));
        api.create(ResourceTypes.DEPLOYMENTS, "default", ApiFixture.deployment("default", "or", 1));
        ObjectNode fg = api.service.deletes().delete(ResourceTypes.DEPLOYMENTS, "default", "fg",
                new DeleteRequest("Foreground", null, null, null, false)).object();
        ObjectNode or = api.service.deletes().delete(ResourceTypes.DEPLOYMENTS, "default", "or",
                new DeleteRequest("Orphan", null, null, null, false)).object();
        assertThat(fg.at("/metadata/finalizers/0").asText()).isEqualTo("foregroundDeletion");
        assertThat(or.at("/metadata/finalizers/0").asText()).isEqualTo("orphan");
    }

    @Test
    void boundPodsGetAGracePeriodAndGoWithGraceZero() {
        ObjectNode pod = ApiFixture.pod("default", "p");
        pod.with("spec").put("nodeName", "n1");
        api.create(ResourceTypes.PODS, "default", pod);
        DeleteOperation.Result r = api.service.deletes().delete(ResourceTypes.PODS, "default", "p", DeleteRequest.DEFAULT);
        assertThat(r.deleted()).isFalse();
        assertThat(r.object().at("/metadata/deletionGracePeriodSeconds").asLong()).isEqualTo(30);
        assertThat(r.object().at("/metadata/deletionTimestamp").asText()).isEqualTo("2026-01-01T00:00:30Z");
        assertThat(api.service.deletes().delete(ResourceTypes.PODS, "default", "p",
                new DeleteRequest(null, 0L, null, null, false)).deleted()).isTrue();
        api.create(ResourceTypes.PODS, "default", ApiFixture.pod("default", "unbound"));
        assertThat(api.service.deletes().delete(ResourceTypes.PODS, "default", "unbound", DeleteRequest.DEFAULT).deleted()).isTrue();
    }

    @Test
    void preconditionsMustMatch() {
        api.create(ResourceTypes.CONFIGMAPS, "default", ApiFixture.configMap("default", "a", "k", "v"));
        assertThatThrownBy(() -> api.service.deletes().delete(ResourceTypes.CONFIGMAPS, "default", "a",
                new DeleteRequest(null, null, "other-uid", null, false)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(409));
    }

    @Test
    void namespacesTerminateThenGoWhenFinalized() {
        api.namespace("team");
        ObjectNode ns = api.service.deletes().delete(ResourceTypes.NAMESPACES, null, "team", DeleteRequest.DEFAULT).object();
        assertThat(ns.at("/status/phase").asText()).isEqualTo("Terminating");
        assertThatThrownBy(() -> api.create(ResourceTypes.CONFIGMAPS, "team", ApiFixture.configMap("team", "a", "k", "v")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(403));
        ObjectNode finalize = ns.deepCopy();
        finalize.with("spec").putArray("finalizers");
        api.service.updates().update(ResourceTypes.NAMESPACES, null, "team", "finalize", finalize, WriteOptions.of("ns-controller"));
        assertThat(api.store.get("/registry/core/namespaces/team")).isEmpty();
    }

    @Test
    void deleteCollectionHonoursSelectors() {
        ObjectNode a = ApiFixture.configMap("default", "a", "k", "v");
        a.with("metadata").putObject("labels").put("app", "x");
        api.create(ResourceTypes.CONFIGMAPS, "default", a);
        api.create(ResourceTypes.CONFIGMAPS, "default", ApiFixture.configMap("default", "b", "k", "v"));
        api.service.deletes().deleteCollection(ResourceTypes.CONFIGMAPS, "default",
                new ListQuery("app=x", null, 0, null, null, null, false), DeleteRequest.DEFAULT);
        assertThat(api.service.reads().list(ResourceTypes.CONFIGMAPS, "default", ListQuery.all()).items())
                .extracting(o -> o.at("/metadata/name").asText()).containsExactly("b");
    }
}
