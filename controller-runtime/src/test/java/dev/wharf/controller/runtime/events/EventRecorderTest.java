package dev.wharf.controller.runtime.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.ManualClock;
import dev.wharf.common.Randoms;
import dev.wharf.controller.runtime.ApiClient.ListOptions;
import dev.wharf.controller.runtime.fake.FakeApiClient;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventRecorderTest {
    @Test
    void identicalEventsAreCountedOnOneEvent() {
        ManualClock clock = new ManualClock();
        FakeApiClient api = new FakeApiClient(clock, Randoms.seeded(3));
        HasMetadata cm = api.create(new ConfigMapBuilder().withNewMetadata().withNamespace("default").withName("c")
                .endMetadata().build());
        EventRecorder recorder = new EventRecorder(api, clock, "test-controller");
        recorder.normal(cm, "Synced", "all good");
        clock.advance(Duration.ofSeconds(30));
        recorder.normal(cm, "Synced", "all good");
        recorder.warning(cm, "Failed", "oops");
        var events = api.list(Event.class, ListOptions.in("default")).items();
        assertThat(events).hasSize(2);
        Event synced = events.stream().filter(e -> e.getReason().equals("Synced")).findFirst().orElseThrow();
        assertThat(synced.getCount()).isEqualTo(2);
        assertThat(synced.getFirstTimestamp()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(synced.getLastTimestamp()).isEqualTo("2026-01-01T00:00:30Z");
        assertThat(synced.getSource().getComponent()).isEqualTo("test-controller");
        assertThat(synced.getInvolvedObject().getKind()).isEqualTo("ConfigMap");
        assertThat(synced.getInvolvedObject().getUid()).isEqualTo(cm.getMetadata().getUid());
        assertThat(synced.getType()).isEqualTo("Normal");
    }
}
