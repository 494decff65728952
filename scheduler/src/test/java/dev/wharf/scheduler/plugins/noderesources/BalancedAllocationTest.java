package dev.wharf.scheduler.plugins.noderesources;

import static dev.wharf.scheduler.testing.PluginHarness.score;
import static dev.wharf.scheduler.testing.PluginHarness.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.scheduler.testing.MakeNode;
import dev.wharf.scheduler.testing.MakePod;
import java.util.List;
import org.junit.jupiter.api.Test;

class BalancedAllocationTest {
    @Test
    void nodeWhereCpuAndMemoryFractionsStayEqualScoresHighest() {
        var s = snapshot(List.of(MakeNode.node().name("cpu-heavy").capacity("4", "4Gi", 110).obj(),
                        MakeNode.node().name("even").capacity("4", "4Gi", 110).obj()),
                MakePod.pod().name("a").node("cpu-heavy").req("2", "0").obj());
        var scores = score(new BalancedAllocation(), MakePod.pod().name("p").req("1", "1Gi").obj(), s);
        // cpu-heavy: cpu 3/4, mem 1/4 -> std 0.25 -> 75; even: 1/4 and 1/4 -> 100
        assertThat(scores).containsEntry("cpu-heavy", 75L).containsEntry("even", 100L);
    }
}
