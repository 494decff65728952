package dev.wharf.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.common.Clock;
import dev.wharf.common.Randoms;
import dev.wharf.controller.runtime.fake.FakeApiClient;
import dev.wharf.controller.runtime.informer.EventHandler;
import dev.wharf.controller.runtime.leader.LeaderElector;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ControllerManagerTest {
    final FakeApiClient api = new FakeApiClient(Clock.system(), Randoms.seeded(5));

    /** A manager whose one controller records which configmaps it saw, under {@code identity}. */
    ControllerManager manager(String identity, Set<String> seen) {
        ControllerManager m = new ControllerManager(api, Clock.system());
        Controller c = m.add(new Controller("record", key -> {
            seen.add(identity + ":" + key.name());
            return Result.DONE;
        }, Clock.system(), 2));
        m.informer(ConfigMap.class).addHandler(EventHandler.any(cm -> c.enqueue(Key.of(cm))));
        m.withLeaderElection(new LeaderElector(api, Clock.system(), "kube-system", "test", identity,
                Duration.ofSeconds(10), Duration.ofMillis(20)));
        return m;
    }

    void configMap(String name) {
        api.create(new ConfigMapBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata().build());
    }

    @Test
    void onlyTheLeaderReconcilesAndTheOtherTakesOverOnRelease() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ControllerManager a = manager("a", seen);
        ControllerManager b = manager("b", seen);
        a.start();
        configMap("probe");
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("a:probe"));
        b.start();
        configMap("first");
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("a:first"));
        assertThat(seen).noneMatch(s -> s.startsWith("b:"));
        a.stop();
        configMap("second");
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("b:second"));
        assertThat(seen).doesNotContain("a:second");
        b.stop();
    }
}
