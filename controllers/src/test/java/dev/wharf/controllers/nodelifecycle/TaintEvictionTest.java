package dev.wharf.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.scheduler.testing.MakePod;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaintEvictionTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration DELAY = Duration.ofSeconds(300);

    static Taint taint(String key, String effect) {
        Taint t = new Taint();
        t.setKey(key);
        t.setEffect(effect);
        return t;
    }

    static Pod pod(Toleration... tolerations) {
        Pod p = MakePod.pod().name("p").obj();
        p.getSpec().setTolerations(List.of(tolerations));
        return p;
    }

    static Instant evictAt(Pod pod, Taint... taints) {
        return TaintEviction.evictAt(pod, List.of(taints), t -> T0, DELAY);
    }

    @Test
    void untoleratedNodeHealthTaintsWaitForTheDefaultDelayOtherTaintsEvictAtOnce() {
        assertThat(evictAt(pod(), taint(NodeTaints.UNREACHABLE, "NoExecute"))).isEqualTo(T0.plus(DELAY));
        assertThat(evictAt(pod(), taint(NodeTaints.NOT_READY, "NoExecute"))).isEqualTo(T0.plus(DELAY));
        assertThat(evictAt(pod(), taint(NodeTaints.UNREACHABLE, "NoExecute"), taint("maintenance", "NoExecute")))
                .isEqualTo(T0);
    }

    @Test
    void tolerationSecondsBoundTheStayAndTolerationsWithoutThemKeepThePodForever() {
        Toleration sixty = new Toleration("NoExecute", NodeTaints.UNREACHABLE, "Exists", 60L, null);
        Toleration forever = new Toleration("NoExecute", NodeTaints.UNREACHABLE, "Exists", null, null);
        assertThat(evictAt(pod(sixty), taint(NodeTaints.UNREACHABLE, "NoExecute"))).isEqualTo(T0.plusSeconds(60));
        assertThat(evictAt(pod(forever), taint(NodeTaints.UNREACHABLE, "NoExecute"))).isNull();
        assertThat(evictAt(pod(forever), taint(NodeTaints.UNREACHABLE, "NoSchedule"))).isNull();
        assertThat(evictAt(pod(forever, sixty), taint(NodeTaints.UNREACHABLE, "NoExecute"))).isEqualTo(T0.plusSeconds(60));
    }
}
