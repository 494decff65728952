package dev.wharf.apiserver.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.apiserver.ApiFixture;
import dev.wharf.apiserver.rest.DeleteRequest;
import dev.wharf.apiserver.rest.ListQuery;
import dev.wharf.apiserver.rest.PatchType;
import dev.wharf.apiserver.rest.WriteOptions;
import dev.wharf.common.Json;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResourceWatchTest {
    private final ApiFixture api = new ApiFixture();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @AfterEach
    void close() {
        api.close();
    }

    private ResourceWatch start(ListQuery query, long bookmarkNanos) {
        ResourceWatch watch = api.service.watch(ResourceTypes.CONFIGMAPS, "default", query);
        Thread.ofVirtual().start(() -> {
            try {
                watch.run((type, object) -> events.add(type + " " + object.at("/metadata/name").asText() + " "
                        + object.at("/metadata/resourceVersion").asText()), Duration.ofHours(1).toNanos(), bookmarkNanos);
            } catch (Exception e) {
                events.add("FAILED " + e);
            }
        });
        return watch;
    }

    private String next() throws InterruptedException {
        String e = events.poll(10, TimeUnit.SECONDS);
        assertThat(e).as("an event within 10 s").isNotNull();
        return e;
    }

    @Test
    void resourceVersionZeroStartsWithSyntheticAddsThenChanges() throws Exception {
        ObjectNode a = api.create(ResourceTypes.CONFIGMAPS, "default", ApiFixture.configMap("default", "a", "k", "v"));
        try (ResourceWatch w = start(new ListQuery(null, null, 0, null, "0", null, false), 0)) {
            assertThat(next()).isEqualTo("ADDED a " + a.at("/metadata/resourceVersion").asText());
            ObjectNode m = api.service.patches().patch(ResourceTypes.CONFIGMAPS, "default", "a", null, PatchType.MERGE,
                    Json.parse("{\"data\":{\"k\":\"w\"}}"), WriteOptions.of("t")).object();
            assertThat(next()).isEqualTo("MODIFIED a " + m.at("/metadata/resourceVersion").asText());
            api.service.deletes().delete(ResourceTypes.CONFIGMAPS, "default", "a", DeleteRequest.DEFAULT);
            assertThat(next()).startsWith("DELETED a ");
        }
    }

    @Test
    void fromAResourceVersionOnlyLaterChangesAndSelectorsTurnLeavingIntoDeleted() throws Exception {
        ObjectNode cm = ApiFixture.configMap("default", "a", "k", "v");
        cm.with("metadata").putObject("labels").put("app", "web");
        ObjectNode a = api.create(ResourceTypes.CONFIGMAPS, "default", cm);
        try (ResourceWatch w = start(new ListQuery("app=web", null, 0, null, a.at("/metadata/resourceVersion").asText(), null, false), 0)) {
            api.create(ResourceTypes.CONFIGMAPS, "default", ApiFixture.configMap("default", "unlabelled", "k", "v"));
            api.service.patches().patch(ResourceTypes.CONFIGMAPS, "default", "a", null, PatchType.MERGE,
                    Json.parse("{\"metadata\":{\"labels\":{\"app\":\"db\"}}}"), WriteOptions.of("t"));
            assertThat(next()).startsWith("DELETED a ");
            api.service.patches().patch(ResourceTypes.CONFIGMAPS, "default", "a", null, PatchType.MERGE,
                    Json.parse("{\"metadata\":{\"labels\":{\"app\":\"web\"}}}"), WriteOptions.of("t"));
            assertThat(next()).startsWith("ADDED a ");
        }
    }

    @Test
    void compactedResourceVersionIsExpired() {
        for (int i = 0; i < 5; i++) {
            api.create(ResourceTypes.CONFIGMAPS, "default", ApiFixture.configMap("default", "cm" + i, "k", "v"));
        }
        api.store.compact(api.store.currentRevision() - 1);
        assertThatThrownBy(() -> api.service.watch(ResourceTypes.CONFIGMAPS, "default",
                new ListQuery(null, null, 0, null, "2", null, false)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(410);
                    assertThat(e.reason()).isEqualTo("Expired");
                });
    }

    @Test
    void bookmarksCarryTheLastRevisionSeen() throws Exception {
        try (ResourceWatch w = start(new ListQuery(null, null, 0, null, "0", null, true), Duration.ofSeconds(60).toNanos())) {
            ObjectNode a = api.create(ResourceTypes.CONFIGMAPS, "default", ApiFixture.configMap("default", "a", "k", "v"));
            assertThat(next()).startsWith("ADDED a");
            api.clock.advance(Duration.ofSeconds(61));
            assertThat(next()).isEqualTo("BOOKMARK  " + a.at("/metadata/resourceVersion").asText());
        }
    }

    @Test
    void watchEndsAtItsTimeout() throws Exception {
        ResourceWatch watch = api.service.watch(ResourceTypes.CONFIGMAPS, "default", ListQuery.all());
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                watch.run((type, object) -> { }, Duration.ofSeconds(30).toNanos(), 0);
                events.add("ENDED");
            } catch (Exception e) {
                events.add("FAILED " + e);
            }
        });
        api.clock.advance(Duration.ofSeconds(31));
        assertThat(next()).isEqualTo("ENDED");
        t.join();
    }
}
