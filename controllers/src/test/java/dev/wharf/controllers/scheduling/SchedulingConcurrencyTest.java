package dev.wharf.controllers.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.common.Clock;
import dev.wharf.common.Randoms;
import dev.wharf.controller.runtime.ApiClient.ListOptions;
import dev.wharf.controller.runtime.ControllerManager;
import dev.wharf.controller.runtime.fake.FakeApiClient;
import dev.wharf.scheduler.testing.MakeNode;
import dev.wharf.scheduler.testing.MakePod;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The loop as the server runs it: a worker thread, bindings on virtual threads, informers fed by concurrent writers. */
class SchedulingConcurrencyTest {
    @Test
    void concurrentBindingsNeverOvercommitANode() throws Exception {
        FakeApiClient api = new FakeApiClient(Clock.system(), Randoms.seeded(21));
        ControllerManager manager = new ControllerManager(api, Clock.system());
        new SchedulingController(manager, Randoms.seeded(22), SchedulingOptions.defaults());
        for (String[] n : List.of(new String[] {"node-1", "a"}, new String[] {"node-2", "b"}, new String[] {"node-3", "c"})) {
            api.create(MakeNode.node().name(n[0]).zone(n[1]).capacity("1", "4Gi", 110).obj());
        }
        manager.start();
        try {
            for (int i = 0; i < 60; i++) {
                api.create(MakePod.pod().name("p" + i).req("100m", "64Mi").obj());
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> events(api, "FailedScheduling").size()
                    + events(api, "Scheduled").size() >= 60);
            Map<String, Long> perNode = api.list(Pod.class, ListOptions.all()).items().stream()
                    .filter(p -> p.getSpec().getNodeName() != null)
                    .collect(Collectors.groupingBy(p -> p.getSpec().getNodeName(), Collectors.counting()));
            assertThat(perNode).containsExactlyInAnyOrderEntriesOf(Map.of("node-1", 10L, "node-2", 10L, "node-3", 10L));
            assertThat(events(api, "Scheduled")).hasSize(30);
            assertThat(events(api, "FailedScheduling")).hasSize(30)
                    .containsOnly("0/3 nodes are available: 3 Insufficient cpu.");
        } finally {
            manager.stop();
        }
    }

    private static List<String> events(FakeApiClient api, String reason) {
        return api.list(Event.class, ListOptions.all()).items().stream().filter(e -> reason.equals(e.getReason()))
                .map(Event::getMessage).toList();
    }
}
