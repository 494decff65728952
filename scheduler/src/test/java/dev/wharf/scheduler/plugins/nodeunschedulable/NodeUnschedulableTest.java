package dev.wharf.scheduler.plugins.nodeunschedulable;

import static dev.wharf.scheduler.testing.PluginHarness.snapshot;
import static dev.wharf.scheduler.testing.PluginHarness.verdicts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.scheduler.testing.MakeNode;
import dev.wharf.scheduler.testing.MakePod;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeUnschedulableTest {
    private final NodeUnschedulable plugin = new NodeUnschedulable();
    private final List<io.fabric8.kubernetes.api.model.Node> nodes =
            List.of(MakeNode.node().name("cordoned").unschedulable().obj(), MakeNode.node().name("open").obj());

    @Test
    void cordonedNodeRejectsOrdinaryPods() {
        assertThat(verdicts(plugin, MakePod.pod().name("p").obj(), snapshot(nodes)))
                .containsEntry("cordoned", "node(s) were unschedulable").containsEntry("open", "ok");
    }

    @Test
    void podToleratingTheUnschedulableTaintFits() {
        var pod = MakePod.pod().name("p").toleration("node.kubernetes.io/unschedulable", "Exists", null, "NoSchedule");
        assertThat(verdicts(plugin, pod.obj(), snapshot(nodes)).values()).containsOnly("ok");
    }

    @Test
    void tolerationOfEverythingAlsoFits() {
        var pod = MakePod.pod().name("p").toleration(null, "Exists", null, null);
        assertThat(verdicts(plugin, pod.obj(), snapshot(nodes)).values()).containsOnly("ok");
    }
}
