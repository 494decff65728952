package dev.wharf.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.controllers.TestCluster;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategyTest {
    static Deployment rolling(int replicas, IntOrString surge, IntOrString unavailable) {
        Deployment d = TestCluster.deployment("web", replicas, "nginx");
        d.getSpec().setStrategy(new DeploymentStrategyBuilder().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(surge).withMaxUnavailable(unavailable).endRollingUpdate().build());
        return d;
    }

    @Test
    void percentSurgeRoundsUpAndUnavailableRoundsDown() {
        Strategy s = Strategy.of(rolling(10, new IntOrString("25%"), new IntOrString("25%")));
        assertThat(s.maxSurge()).isEqualTo(3);
        assertThat(s.maxUnavailable()).isEqualTo(2);
        Strategy one = Strategy.of(rolling(1, new IntOrString("25%"), new IntOrString("25%")));
        assertThat(one.maxSurge()).isEqualTo(1);
        assertThat(one.maxUnavailable()).isZero();
    }

    @Test
    void bothZeroMeansOneUnavailableAndDefaultsApply() {
        Strategy s = Strategy.of(rolling(4, new IntOrString(0), new IntOrString("10%")));
        assertThat(s.maxSurge()).isZero();
        assertThat(s.maxUnavailable()).isEqualTo(1);
        Strategy defaults = Strategy.of(TestCluster.deployment("web", 4, "nginx"));
        assertThat(defaults.maxSurge()).isEqualTo(1);
        assertThat(defaults.maxUnavailable()).isEqualTo(1);
        assertThat(defaults.progressDeadlineSeconds()).isEqualTo(600);
        assertThat(defaults.revisionHistoryLimit()).isEqualTo(10);
    }

    @Test
    void templateHashIgnoresLabelOrderAndItsOwnLabelButNotCollisions() {
        PodTemplateSpec a = TestCluster.deployment("web", 1, "nginx").getSpec().getTemplate();
        PodTemplateSpec b = TestCluster.deployment("web", 1, "nginx").getSpec().getTemplate();
        Map<String, String> reordered = new LinkedHashMap<>();
        reordered.put("tier", "front");
        reordered.put("app", "web");
        b.getMetadata().setLabels(reordered);
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put("app", "web");
        ordered.put("tier", "front");
        ordered.put("pod-template-hash", "xyz");
        a.getMetadata().setLabels(ordered);
        assertThat(PodTemplateHash.of(a, null)).isEqualTo(PodTemplateHash.of(b, null));
        assertThat(PodTemplateHash.of(a, 1)).isNotEqualTo(PodTemplateHash.of(a, null));
        b.getSpec().getContainers().get(0).setImage("nginx:2");
        assertThat(PodTemplateHash.of(b, null)).isNotEqualTo(PodTemplateHash.of(a, null));
    }
}
