package dev.wharf.cli.print;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.common.Json;
import dev.wharf.common.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void plainListsFallBackToNameAndAgeLikeKubectl() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-27T20:00:00Z"));
        JsonNode list = Json.parse("""
                {"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"9"},"items":[
                  {"metadata":{"name":"web-1","namespace":"default","creationTimestamp":"2026-11-27T19:59:28Z"}},
                  {"metadata":{"name":"web-2","namespace":"default","creationTimestamp":"2026-11-27T17:30:00Z"}},
                  {"metadata":{"name":"no-time"}}]}
                """);

        Table table = Table.fromObjects(Table.items(list), clock.now());

        assertThat(new TablePrinter(true, false).lines(table, true)).containsExactly(
                "NAME      AGE",
                "web-1     32s",
                "web-2     150m",
                "no-time   <unknown>");
    }

    @Test
    void humanDurationFollowsKubernetes() {
        assertThat(HumanDuration.format(Duration.ofSeconds(-5))).isEqualTo("<invalid>");
        assertThat(HumanDuration.format(Duration.ofSeconds(0))).isEqualTo("0s");
        assertThat(HumanDuration.format(Duration.ofSeconds(119))).isEqualTo("119s");
        assertThat(HumanDuration.format(Duration.ofSeconds(200))).isEqualTo("3m20s");
        assertThat(HumanDuration.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(HumanDuration.format(Duration.ofMinutes(179))).isEqualTo("179m");
        assertThat(HumanDuration.format(Duration.ofMinutes(5 * 60 + 7))).isEqualTo("5h7m");
        assertThat(HumanDuration.format(Duration.ofHours(30))).isEqualTo("30h");
        assertThat(HumanDuration.format(Duration.ofHours(3 * 24 + 4))).isEqualTo("3d4h");
        assertThat(HumanDuration.format(Duration.ofDays(100))).isEqualTo("100d");
        assertThat(HumanDuration.format(Duration.ofDays(3 * 365 + 10))).isEqualTo("3y10d");
        assertThat(HumanDuration.format(Duration.ofDays(9 * 365))).isEqualTo("9y");
    }

    @Test
    void watchEventTablesWithoutColumnsReuseTheKnownOnes() {
        JsonNode event = Json.parse("""
                {"kind":"Table","apiVersion":"meta.k8s.io/v1","columnDefinitions":[],
                 "rows":[{"cells":["web","1/1"],"object":{"metadata":{"name":"web"}}}]}
                """);

        Table table = Table.fromTable(event, java.util.List.of(new Table.Column("Name", 0), new Table.Column("Ready", 0)));

        assertThat(table.columns()).extracting(Table.Column::name).containsExactly("Name", "Ready");
        assertThat(table.rows().get(0).name()).isEqualTo("web");
    }

    @Test
    void namesForOutputNameIncludeTheGroupButNotForCore() {
        assertThat(ObjectPrinter.name("Deployment", "apps", "web")).isEqualTo("deployment.apps/web");
        assertThat(ObjectPrinter.name("Pod", "", "web-1")).isEqualTo("pod/web-1");
    }

    @Test
    void severalObjectsPrintAsAVOneList() {
        String yaml = ObjectPrinter.yaml(ObjectPrinter.list(java.util.List.of(Json.parse("{\"kind\":\"Pod\"}"))));

        assertThat(yaml).isEqualTo("""
                apiVersion: v1
                items:
                - kind: Pod
                kind: List
                metadata:
                  resourceVersion: ""
                """);
    }
}
