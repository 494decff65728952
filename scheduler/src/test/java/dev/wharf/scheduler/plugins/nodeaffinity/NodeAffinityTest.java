package dev.wharf.scheduler.plugins.nodeaffinity;

import static dev.wharf.scheduler.testing.PluginHarness.score;
import static dev.wharf.scheduler.testing.PluginHarness.snapshot;
import static dev.wharf.scheduler.testing.PluginHarness.verdicts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.api.ApiException;
import dev.wharf.scheduler.snapshot.Snapshot;
import dev.wharf.scheduler.testing.MakeNode;
import dev.wharf.scheduler.testing.MakePod;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeAffinityTest {
    private final NodeAffinity plugin = new NodeAffinity();
    private final Snapshot s = snapshot(List.of(
            MakeNode.node().name("a1").zone("a").labels("disk", "ssd", "gen", "3").obj(),
            MakeNode.node().name("b1").zone("b").labels("gen", "5").obj(),
            MakeNode.node().name("c1").zone("c").obj()));

    @Test
    void nodeSelectorMustMatchExactly() {
        assertThat(verdicts(plugin, MakePod.pod().name("p").nodeSelector("disk", "ssd").obj(), s))
                .containsEntry("a1", "ok").containsEntry("b1", NodeAffinity.REASON).containsEntry("c1", NodeAffinity.REASON);
    }

    @Test
    void operatorsInNotInExistsDoesNotExistGtLt() {
        String z = MakeNode.ZONE;
        assertThat(verdicts(plugin, MakePod.pod().name("p").requiredNodeAffinity(z, "In", "a", "b").obj(), s))
                .containsEntry("a1", "ok").containsEntry("b1", "ok").containsEntry("c1", NodeAffinity.REASON);
        assertThat(verdicts(plugin, MakePod.pod().name("p").requiredNodeAffinity(z, "NotIn", "a").obj(), s))
                .containsEntry("a1", NodeAffinity.REASON).containsEntry("b1", "ok").containsEntry("c1", "ok");
        assertThat(verdicts(plugin, MakePod.pod().name("p").requiredNodeAffinity("gen", "Exists").obj(), s))
                .containsEntry("c1", NodeAffinity.REASON).containsEntry("a1", "ok");
        assertThat(verdicts(plugin, MakePod.pod().name("p").requiredNodeAffinity("gen", "DoesNotExist").obj(), s))
                .containsEntry("c1", "ok").containsEntry("a1", NodeAffinity.REASON);
        assertThat(verdicts(plugin, MakePod.pod().name("p").requiredNodeAffinity("gen", "Gt", "4").obj(), s))
                .containsEntry("a1", NodeAffinity.REASON).containsEntry("b1", "ok").containsEntry("c1", NodeAffinity.REASON);
        assertThat(verdicts(plugin, MakePod.pod().name("p").requiredNodeAffinity("gen", "Lt", "4").obj(), s))
                .containsEntry("a1", "ok").containsEntry("b1", NodeAffinity.REASON);
    }

    @Test
    void requiredTermsAreOred() {
        var pod = MakePod.pod().name("p").requiredNodeAffinity("disk", "In", "ssd")
                .requiredNodeAffinity("gen", "In", "5").obj();
        assertThat(verdicts(plugin, pod, s)).containsEntry("a1", "ok").containsEntry("b1", "ok")
                .containsEntry("c1", NodeAffinity.REASON);
    }

    @Test
    void preferredTermsScoreBySumOfWeights() {
        var pod = MakePod.pod().name("p").preferredNodeAffinity(80, MakeNode.ZONE, "In", "b")
                .preferredNodeAffinity(20, "gen", "Exists").obj();
        assertThat(score(plugin, pod, s)).containsEntry("a1", 20L).containsEntry("b1", 100L).containsEntry("c1", 0L);
    }

    @Test
    void unknownOperatorIsABadRequestNamingTheField() {
        assertThatThrownBy(() -> verdicts(plugin, MakePod.pod().name("p").requiredNodeAffinity("gen", "Near", "4")
                .obj(), s)).isInstanceOf(ApiException.class).hasMessageContaining(
                "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
                        + ".matchExpressions[0].operator");
    }
}
