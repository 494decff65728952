package dev.wharf.scheduler.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.api.ApiException;
import dev.wharf.scheduler.testing.MakePod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodInfoTest {
    @Test
    void quantitiesAreParsedOnceIntoMilliCpuAndBytes() {
        PodInfo p = MakePod.pod().name("p").req("500m", "128Mi").req("1.5", "1G").info();
        assertThat(p.requests().milliCpu()).isEqualTo(2000);
        assertThat(p.requests().memory()).isEqualTo(128L * 1024 * 1024 + 1_000_000_000L);
    }

    @Test
    void overheadIsAdded() {
        var pod = MakePod.pod().name("p").req("100m", "10Mi").obj();
        pod.getSpec().setOverhead(Map.of("cpu", new Quantity("250m")));
        assertThat(PodInfo.of(pod).requests().milliCpu()).isEqualTo(350);
    }

    @Test
    void nonZeroRequestsUseUpstreamDefaults() {
        PodInfo p = MakePod.pod().name("p").req(null, null).info();
        assertThat(p.requests().milliCpu()).isZero();
        assertThat(p.nonZeroRequests().milliCpu()).isEqualTo(100);
        assertThat(p.nonZeroRequests().memory()).isEqualTo(200L << 20);
    }

    @Test
    void badQuantityNamesTheField() {
        var pod = MakePod.pod().name("p").req("lots", null).obj();
        assertThatThrownBy(() -> PodInfo.of(pod)).isInstanceOf(ApiException.class)
                .hasMessageContaining("spec.containers[0].resources.requests.cpu");
    }

    @Test
    void spreadConstraintValidation() {
        TopologySpreadConstraint c = new TopologySpreadConstraint();
        c.setMaxSkew(0);
        c.setTopologyKey("zone");
        c.setWhenUnsatisfiable("DoNotSchedule");
        assertThatThrownBy(() -> MakePod.pod().name("p").spread(c).info()).isInstanceOf(ApiException.class)
                .hasMessageContaining("spec.topologySpreadConstraints[0].maxSkew");
        c.setMaxSkew(1);
        c.setWhenUnsatisfiable("Sometimes");
        assertThatThrownBy(() -> MakePod.pod().name("p").spread(c).info())
                .hasMessageContaining("spec.topologySpreadConstraints[0].whenUnsatisfiable");
    }

    @Test
    void nullLabelSelectorInATermMatchesNothingAndEmptyMatchesEverything() {
        assertThat(Selector.NOTHING.matches(Map.of())).isFalse();
        assertThat(Selector.EVERYTHING.matches(Map.of("a", "b"))).isTrue();
        assertThat(Selector.matchLabels(Map.of("a", "b", "c", "d")))
                .isEqualTo(Selector.matchLabels(Map.of("c", "d", "a", "b")));
    }
}
