package dev.wharf.scheduler.plugins.nodename;

import static dev.wharf.scheduler.testing.PluginHarness.snapshot;
import static dev.wharf.scheduler.testing.PluginHarness.verdicts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.scheduler.testing.MakeNode;
import dev.wharf.scheduler.testing.MakePod;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeNameTest {
    private final NodeName plugin = new NodeName();
    private final List<io.fabric8.kubernetes.api.model.Node> nodes =
            List.of(MakeNode.node().name("n1").obj(), MakeNode.node().name("n2").obj());

    @Test
    void podNamingANodeFitsOnlyThere() {
        assertThat(verdicts(plugin, MakePod.pod().name("p").node("n2").obj(), snapshot(nodes)))
                .containsEntry("n1", NodeName.REASON).containsEntry("n2", "ok");
    }

    @Test
    void podWithoutNodeNameFitsEverywhere() {
        assertThat(verdicts(plugin, MakePod.pod().name("p").obj(), snapshot(nodes)).values()).containsOnly("ok");
    }
}
