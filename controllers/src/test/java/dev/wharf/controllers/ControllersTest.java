package dev.wharf.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.common.Clock;
import dev.wharf.common.Randoms;
import dev.wharf.controller.runtime.ApiClient.DeleteOptions;
import dev.wharf.controller.runtime.ApiClient.ListOptions;
import dev.wharf.controller.runtime.ControllerManager;
import dev.wharf.controller.runtime.fake.FakeApiClient;
import dev.wharf.controllers.support.Pods;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The manager as the server runs it: worker threads, real clock, concurrent writers. */
class ControllersTest {
    @Test
    void workersRollOutAndCascadeConcurrently() throws Exception {
        FakeApiClient api = new FakeApiClient(Clock.system(), Randoms.seeded(11));
        api.create(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build());
        ControllerManager manager = Controllers.create(api, Clock.system(), Randoms.seeded(12));
        manager.start();
        try {
            api.create(TestCluster.deployment("web", 5, "nginx:1"));
            await().atMost(Duration.ofSeconds(20)).until(() -> pods(api).size() == 5);
            for (Pod p : pods(api)) {
                ready(api, p);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                Deployment d = api.get(Deployment.class, "default", "web");
                return d.getStatus() != null && Integer.valueOf(5).equals(d.getStatus().getAvailableReplicas());
            });
            api.delete(Deployment.class, "default", "web", DeleteOptions.background());
            await().atMost(Duration.ofSeconds(20)).until(() -> pods(api).isEmpty()
                    && api.list(ReplicaSet.class, ListOptions.all()).items().isEmpty());
        } finally {
            manager.stop();
        }
        assertThat(api.list(Deployment.class, ListOptions.all()).items()).isEmpty();
    }

    private static List<Pod> pods(FakeApiClient api) {
        return api.list(Pod.class, ListOptions.in("default")).items().stream().filter(Pods::isActive).toList();
    }

    private static void ready(FakeApiClient api, Pod pod) {
        Pod p = api.get(Pod.class, "default", pod.getMetadata().getName());
        PodStatus st = new PodStatus();
        st.setPhase("Running");
        st.setConditions(List.of(new PodCondition(null, "2026-01-01T00:00:00Z", null, null, null, "True", "Ready")));
        p.setStatus(st);
        api.updateStatus(p);
    }
}
