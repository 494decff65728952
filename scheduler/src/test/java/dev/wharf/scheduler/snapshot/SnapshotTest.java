package dev.wharf.scheduler.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.model.PodMatcher;
import dev.wharf.scheduler.model.Selector;
import dev.wharf.scheduler.testing.MakeNode;
import dev.wharf.scheduler.testing.MakePod;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnapshotTest {
    private final Snapshot snapshot = Snapshot.of(List.of(
            MakeNode.node().name("a1").zone("a").obj(), MakeNode.node().name("a2").zone("a").obj(),
            MakeNode.node().name("b1").zone("b").obj(), MakeNode.node().name("c1").zone("c").obj()),
            List.of(MakePod.pod().name("old").labels("app", "web").node("a1").req("1", "1Gi").obj(),
                    MakePod.pod().name("elsewhere").labels("app", "web").node("gone").obj()));

    @Test
    void nodesAreInterleavedByZone() {
        assertThat(snapshot.nodes()).extracting(NodeInfo::name).containsExactly("a1", "b1", "c1", "a2");
        assertThat(snapshot.nodes()).extracting(NodeInfo::index).containsExactly(0, 1, 2, 3);
    }

    @Test
    void podsOnUnknownNodesAreIgnoredAndRequestsSumUp() {
        NodeInfo a1 = snapshot.node("a1");
        assertThat(a1.podCount()).isEqualTo(1);
        assertThat(a1.requested().milliCpu()).isEqualTo(1000);
        assertThat(a1.requested().memory()).isEqualTo(1L << 30);
        assertThat(snapshot.nodeOf("default/elsewhere")).isNull();
    }

    @Test
    void domainCountsFollowAssumeAndRemove() {
        PodMatcher web = new PodMatcher(Set.of("default"), false, Selector.matchLabels(Map.of("app", "web")));
        DomainCounts zones = snapshot.counts(MakeNode.ZONE, web, NodeEligibility.ALL);
        assertThat(zones.countFor(snapshot.node("a2"))).isEqualTo(1);
        assertThat(zones.minOverEligibleDomains()).isZero();
        PodInfo b = MakePod.pod().name("b").labels("app", "web").info();
        PodInfo c = MakePod.pod().name("c").labels("app", "web").info();
        snapshot.assume(b, "b1");
        snapshot.assume(c, "c1");
        assertThat(zones.minOverEligibleDomains()).isEqualTo(1);
        assertThat(zones.total()).isEqualTo(3);
        snapshot.remove(c.key());
        assertThat(zones.minOverEligibleDomains()).isZero();
        assertThat(snapshot.node("c1").podCount()).isZero();
    }

    @Test
    void existingTermsAreSharedByEqualTerms() {
        for (int i = 0; i < 3; i++) {
            snapshot.assume(MakePod.pod().name("r" + i).labels("app", "db")
                    .podAntiAffinity(MakeNode.HOSTNAME, "app", "db").info(), List.of("a2", "b1", "c1").get(i));
        }
        var terms = snapshot.existingTerms(ExistingTerms.Kind.REQUIRED_ANTI_AFFINITY);
        assertThat(terms).hasSize(1);
        ExistingTerms t = terms.iterator().next();
        assertThat(t.countFor(snapshot.node("b1"))).isEqualTo(1);
        assertThat(t.countFor(snapshot.node("a1"))).isZero();
        snapshot.remove("default/r0");
        snapshot.remove("default/r1");
        snapshot.remove("default/r2");
        assertThat(snapshot.existingTerms(ExistingTerms.Kind.REQUIRED_ANTI_AFFINITY)).isEmpty();
    }

    @Test
    void assumingTwiceOrOnAnUnknownNodeIsRefused() {
        PodInfo p = MakePod.pod().name("p").info();
        snapshot.assume(p, "a1");
        assertThatThrownBy(() -> snapshot.assume(p, "b1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> snapshot.assume(MakePod.pod().name("q").info(), "zz"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
