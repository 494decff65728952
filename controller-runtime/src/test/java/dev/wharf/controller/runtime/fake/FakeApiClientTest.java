package dev.wharf.controller.runtime.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.api.ApiException;
import dev.wharf.common.ManualClock;
import dev.wharf.common.Randoms;
import dev.wharf.controller.runtime.ApiClient.DeleteOptions;
import dev.wharf.controller.runtime.ApiClient.EventType;
import dev.wharf.controller.runtime.ApiClient.ListOptions;
import dev.wharf.controller.runtime.ApiClient.PatchType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeApiClientTest {
    final ManualClock clock = new ManualClock();
    final FakeApiClient api = new FakeApiClient(clock, Randoms.seeded(1));

    ConfigMap cm(String name, String app) {
        return new ConfigMapBuilder().withNewMetadata().withNamespace("default").withName(name)
                .addToLabels("app", app).endMetadata().addToData("k", "v").build();
    }

    @Test
    void createAssignsIdentityAndRejectsDuplicates() {
        ConfigMap created = api.create(cm("a", "web"));
        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.getMetadata().getResourceVersion()).isEqualTo("1");
        assertThat(created.getMetadata().getCreationTimestamp()).isEqualTo("2026-01-01T00:00:00Z");
        assertThatThrownBy(() -> api.create(cm("a", "web"))).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(409));
    }

    @Test
    void generateNameMakesAUniqueName() {
        ConfigMap c = new ConfigMapBuilder().withNewMetadata().withNamespace("default").withGenerateName("web-")
                .endMetadata().build();
        String a = api.create(c).getMetadata().getName();
        String b = api.create(c).getMetadata().getName();
        assertThat(a).startsWith("web-").hasSize(9).isNotEqualTo(b);
    }

    @Test
    void staleResourceVersionIsAConflictAndSpecChangeBumpsGeneration() {
        Deployment d = api.create(new DeploymentBuilder().withNewMetadata().withNamespace("default").withName("web")
                .endMetadata().withNewSpec().withReplicas(1).endSpec().build());
        assertThat(d.getMetadata().getGeneration()).isEqualTo(1);
        d.getSpec().setReplicas(2);
        Deployment updated = api.update(d);
        assertThat(updated.getMetadata().getGeneration()).isEqualTo(2);
        d.getSpec().setReplicas(3);
        assertThatThrownBy(() -> api.update(d)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(409));
        updated.getMetadata().getLabels();
        updated.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatus());
        updated.getStatus().setReplicas(5);
        Deployment afterMainUpdate = api.update(updated);
        assertThat(afterMainUpdate.getStatus()).as("update ignores status").isNull();
        Deployment withStatus = api.updateStatus(updated);
        assertThat(withStatus.getStatus().getReplicas()).isEqualTo(5);
        assertThat(withStatus.getMetadata().getGeneration()).isEqualTo(2);
    }

    @Test
    void selectorsFilterListsAndWatches() {
        api.create(cm("a", "web"));
        api.create(cm("b", "db"));
        assertThat(api.list(ConfigMap.class, ListOptions.in("default").withLabels("app=web")).items())
                .extracting(c -> c.getMetadata().getName()).containsExactly("a");
        assertThat(api.list(ConfigMap.class, ListOptions.all().withLabels("app in (web,db),app!=db")).items())
                .hasSize(1);
        assertThat(api.list(ConfigMap.class, ListOptions.all().withFields("metadata.name=b")).items())
                .extracting(c -> c.getMetadata().getName()).containsExactly("b");

        List<String> seen = new ArrayList<>();
        api.watch(ConfigMap.class, ListOptions.all().withLabels("app=web").fromVersion(Long.toString(api.revision())),
                (type, obj) -> seen.add(type + " " + obj.getMetadata().getName()));
        ConfigMap b = api.get(ConfigMap.class, "default", "b");
        b.getMetadata().getLabels().put("app", "web");
        b = api.update(b);
        b.getMetadata().getLabels().put("app", "db");
        api.update(b);
        api.delete(ConfigMap.class, "default", "a", DeleteOptions.DEFAULT);
        assertThat(seen).containsExactly("ADDED b", "DELETED b", "DELETED a");
    }

    @Test
    void watchFromZeroSendsSyntheticAddsAndCompactionAnswersGone() {
        api.create(cm("a", "web"));
        List<EventType> types = new ArrayList<>();
        api.watch(ConfigMap.class, ListOptions.all(), (t, o) -> types.add(t));
        assertThat(types).containsExactly(EventType.ADDED);
        api.create(cm("b", "web"));
        api.compact();
        List<Throwable> closed = new ArrayList<>();
        api.watch(ConfigMap.class, ListOptions.all().fromVersion("1"), new dev.wharf.controller.runtime.ApiClient.WatchListener<ConfigMap>() {
            @Override
            public void onEvent(EventType type, ConfigMap object) {
            }

            @Override
            public void onClose(Throwable cause) {
                closed.add(cause);
            }
        });
        assertThat(closed).singleElement().satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(410));
    }

    @Test
    void finalizersDelayDeletionUntilRemoved() {
        ConfigMap c = cm("a", "web");
        c.getMetadata().setFinalizers(new ArrayList<>(List.of("example.com/hold")));
        api.create(c);
        assertThat(api.delete(ConfigMap.class, "default", "a", DeleteOptions.background())).isTrue();
        ConfigMap deleting = api.get(ConfigMap.class, "default", "a");
        assertThat(deleting.getMetadata().getDeletionTimestamp()).isEqualTo("2026-01-01T00:00:00Z");
        deleting.getMetadata().setFinalizers(List.of());
        api.update(deleting);
        assertThat(api.get(ConfigMap.class, "default", "a")).isNull();
        assertThat(api.delete(ConfigMap.class, "default", "a", DeleteOptions.background())).isFalse();
    }

    @Test
    void foregroundAndOrphanPoliciesAddTheirFinalizers() {
        api.create(cm("a", "web"));
        api.create(cm("b", "web"));
        api.delete(ConfigMap.class, "default", "a", new DeleteOptions("Foreground", null, null, null));
        api.delete(ConfigMap.class, "default", "b", new DeleteOptions("Orphan", null, null, null));
        assertThat(api.get(ConfigMap.class, "default", "a").getMetadata().getFinalizers()).containsExactly("foregroundDeletion");
        assertThat(api.get(ConfigMap.class, "default", "b").getMetadata().getFinalizers()).containsExactly("orphan");
    }

    @Test
    void namespaceGoesAwayOnlyWhenFinalized() {
        api.create(new NamespaceBuilder().withNewMetadata().withName("demo").endMetadata().build());
        api.delete(Namespace.class, null, "demo", DeleteOptions.background());
        Namespace ns = api.get(Namespace.class, null, "demo");
        assertThat(ns.getStatus().getPhase()).isEqualTo("Terminating");
        assertThatThrownBy(() -> api.create(cm("x", "web").toBuilder().editMetadata().withNamespace("nope").endMetadata().build()))
                .isInstanceOf(ApiException.class);
        ns.getSpec().setFinalizers(List.of());
        api.finalizeNamespace(ns);
        assertThat(api.get(Namespace.class, null, "demo")).isNull();
    }

    @Test
    void mergePatchOnMainAndStatus() {
        api.create(new DeploymentBuilder().withNewMetadata().withNamespace("default").withName("web")
                .endMetadata().withNewSpec().withReplicas(1).endSpec().build());
        Deployment d = api.patch(Deployment.class, "default", "web", PatchType.MERGE, "{\"spec\":{\"replicas\":4}}", null);
        assertThat(d.getSpec().getReplicas()).isEqualTo(4);
        d = api.patch(Deployment.class, "default", "web", PatchType.MERGE, "{\"status\":{\"replicas\":4}}", "status");
        assertThat(d.getStatus().getReplicas()).isEqualTo(4);
        assertThatThrownBy(() -> api.patch(Deployment.class, "default", "nope", PatchType.MERGE, "{}", null))
                .isInstanceOf(ApiException.class).satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(404));
    }

    @Test
    void gracefulPodDeletionMarksBoundPodsUntilForced() {
        api.gracefulPodDeletion(true);
        api.create(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withNamespace("default")
                .withName("p").endMetadata().withNewSpec().withNodeName("n1").endSpec().build());
        api.delete(io.fabric8.kubernetes.api.model.Pod.class, "default", "p", DeleteOptions.DEFAULT);
        var pod = api.get(io.fabric8.kubernetes.api.model.Pod.class, "default", "p");
        assertThat(pod.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(pod.getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(30);
        api.delete(io.fabric8.kubernetes.api.model.Pod.class, "default", "p", DeleteOptions.now());
        assertThat(api.get(io.fabric8.kubernetes.api.model.Pod.class, "default", "p")).isNull();
    }

    @Test
    void unsupportedFieldSelectorIsABadRequest() {
        assertThatThrownBy(() -> api.list(ConfigMap.class, ListOptions.all().withFields("spec.nodeName=x")))
                .isInstanceOf(ApiException.class).satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(400));
    }

    @Test
    void jsonPatchAsKubectlRolloutUndoSendsIt() {
        api.create(new DeploymentBuilder().withNewMetadata().withNamespace("default").withName("web")
                .addToAnnotations("deployment.kubernetes.io/revision", "2").endMetadata()
                .withNewSpec().withReplicas(1).withNewTemplate().withNewMetadata().addToLabels("app", "v2").endMetadata()
                .endTemplate().endSpec().build());
        Deployment d = api.patch(Deployment.class, "default", "web", PatchType.JSON,
                "[{\"op\":\"replace\",\"path\":\"/spec/template\",\"value\":{\"metadata\":{\"labels\":{\"app\":\"v1\"}}}},"
                        + "{\"op\":\"replace\",\"path\":\"/metadata/annotations\",\"value\":{\"deployment.kubernetes.io/revision\":\"1\"}}]",
                null);
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("app", "v1");
        assertThat(d.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "1");
        assertThat(d.getMetadata().getGeneration()).isEqualTo(2);
        assertThatThrownBy(() -> api.patch(Deployment.class, "default", "web", PatchType.JSON,
                "[{\"op\":\"remove\",\"path\":\"/spec/nothing\"}]", null))
                .isInstanceOf(ApiException.class).satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(422));
    }
}
