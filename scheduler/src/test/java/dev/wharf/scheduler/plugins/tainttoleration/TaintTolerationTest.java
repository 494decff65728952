package dev.wharf.scheduler.plugins.tainttoleration;

import static dev.wharf.scheduler.testing.PluginHarness.score;
import static dev.wharf.scheduler.testing.PluginHarness.snapshot;
import static dev.wharf.scheduler.testing.PluginHarness.verdicts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.scheduler.snapshot.Snapshot;
import dev.wharf.scheduler.testing.MakeNode;
import dev.wharf.scheduler.testing.MakePod;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaintTolerationTest {
    private final TaintToleration plugin = new TaintToleration();
    private final Snapshot s = snapshot(List.of(
            MakeNode.node().name("gpu").taint("gpu", "true", "NoSchedule").obj(),
            MakeNode.node().name("draining").taint("maint", "", "NoExecute").obj(),
            MakeNode.node().name("soft").taint("spot", "yes", "PreferNoSchedule").obj(),
            MakeNode.node().name("plain").obj()));

    @Test
    void untoleratedNoScheduleAndNoExecuteTaintsRejectWithUpstreamWording() {
        assertThat(verdicts(plugin, MakePod.pod().name("p").obj(), s))
                .containsEntry("gpu", "node(s) had untolerated taint {gpu: true}")
                .containsEntry("draining", "node(s) had untolerated taint {maint: }")
                .containsEntry("soft", "ok").containsEntry("plain", "ok");
    }

    @Test
    void equalAndExistsTolerations() {
        var pod = MakePod.pod().name("p").toleration("gpu", "Equal", "true", "NoSchedule")
                .toleration("maint", "Exists", null, null).obj();
        assertThat(verdicts(plugin, pod, s).values()).containsOnly("ok");
        var wrongValue = MakePod.pod().name("p").toleration("gpu", "Equal", "false", "NoSchedule").obj();
        assertThat(verdicts(plugin, wrongValue, s)).containsEntry("gpu", "node(s) had untolerated taint {gpu: true}");
    }

    @Test
    void preferNoScheduleTaintsLowerTheScore() {
        assertThat(score(plugin, MakePod.pod().name("p").obj(), s)).containsEntry("soft", 0L)
                .containsEntry("plain", 100L);
        var tolerant = MakePod.pod().name("p").toleration("spot", "Exists", null, "PreferNoSchedule").obj();
        assertThat(score(plugin, tolerant, s)).containsEntry("soft", 100L);
    }
}
