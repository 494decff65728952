package dev.wharf.scheduler.plugins.noderesources;

import static dev.wharf.scheduler.testing.PluginHarness.score;
import static dev.wharf.scheduler.testing.PluginHarness.snapshot;
import static dev.wharf.scheduler.testing.PluginHarness.verdicts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.scheduler.testing.MakeNode;
import dev.wharf.scheduler.testing.MakePod;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeResourcesFitTest {
    private final NodeResourcesFit plugin = new NodeResourcesFit();

    @Test
    void insufficientCpuAndMemoryAreBothReported() {
        var s = snapshot(List.of(MakeNode.node().name("small").capacity("1", "1Gi", 110).obj(),
                MakeNode.node().name("big").capacity("8", "16Gi", 110).obj()));
        assertThat(verdicts(plugin, MakePod.pod().name("p").req("2", "2Gi").obj(), s))
                .containsEntry("small", "Insufficient cpu, Insufficient memory").containsEntry("big", "ok");
    }

    @Test
    void requestsOfAssignedPodsCount() {
        var s = snapshot(List.of(MakeNode.node().name("n").capacity("1", "1Gi", 110).obj()),
                MakePod.pod().name("a").node("n").req("600m", "100Mi").obj());
        assertThat(verdicts(plugin, MakePod.pod().name("p").req("500m", "100Mi").obj(), s))
                .containsEntry("n", "Insufficient cpu");
        assertThat(verdicts(plugin, MakePod.pod().name("p").req("400m", "100Mi").obj(), s))
                .containsEntry("n", "ok");
    }

    @Test
    void podCountIsLimitedByAllocatablePods() {
        var s = snapshot(List.of(MakeNode.node().name("n").capacity("4", "4Gi", 1).obj()),
                MakePod.pod().name("a").node("n").obj());
        assertThat(verdicts(plugin, MakePod.pod().name("p").obj(), s)).containsEntry("n", "Too many pods");
    }

    @Test
    void initContainersCountByTheirMaximumAndSidecarsAddUp() {
        var s = snapshot(List.of(MakeNode.node().name("n").capacity("2", "4Gi", 110).obj()));
        // containers 1 cpu, init 2 cpu: max(1, 2) = 2 fits exactly
        assertThat(verdicts(plugin, MakePod.pod().name("p").req("1", null).initReq("2", null).obj(), s))
                .containsEntry("n", "ok");
        // a sidecar of 500m runs along the containers: 1 + 0.5 + init max(2 + 0.5 after sidecar)
        assertThat(verdicts(plugin, MakePod.pod().name("p").req("1", null).sidecarReq("500m", null)
                .initReq("2", null).obj(), s)).containsEntry("n", "Insufficient cpu");
    }

    @Test
    void ephemeralStorageAndExtendedResources() {
        var s = snapshot(List.of(MakeNode.node().name("n").allocatable("ephemeral-storage", "1Gi")
                .allocatable("nvidia.com/gpu", "1").obj()));
        assertThat(verdicts(plugin, MakePod.pod().name("p").reqs("ephemeral-storage", "2Gi", "nvidia.com/gpu", "2")
                .obj(), s)).containsEntry("n", "Insufficient ephemeral-storage, Insufficient nvidia.com/gpu");
    }

    @Test
    void leastAllocatedPrefersTheEmptierNode() {
        var s = snapshot(List.of(MakeNode.node().name("busy").capacity("4", "4Gi", 110).obj(),
                        MakeNode.node().name("idle").capacity("4", "4Gi", 110).obj()),
                MakePod.pod().name("a").node("busy").req("2", "2Gi").obj());
        var scores = score(plugin, MakePod.pod().name("p").req("1", "1Gi").obj(), s);
        // busy: (4-3)/4 = 25 for cpu and memory; idle: (4-1)/4 = 75
        assertThat(scores).containsEntry("busy", 25L).containsEntry("idle", 75L);
    }

    @Test
    void podsWithoutRequestsScoreWithNonZeroDefaults() {
        var s = snapshot(List.of(MakeNode.node().name("n").capacity("1", "1000Mi", 110).obj()));
        // 100m of 1000m cpu -> 90; 200Mi of 1000Mi -> 80; mean 85
        assertThat(score(plugin, MakePod.pod().name("p").req(null, null).obj(), s)).containsEntry("n", 85L);
    }
}
