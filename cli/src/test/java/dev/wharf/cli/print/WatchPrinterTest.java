package dev.wharf.cli.print;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.cli.CliException;
import dev.wharf.common.ManualClock;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchPrinterTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T20:00:00Z"));

    @Test
    void tableEventsPrintOneRowEachAndHeaderOnlyOnce() {
        String stream = """
                {"type":"ADDED","object":{"kind":"Table","apiVersion":"meta.k8s.io/v1","columnDefinitions":[{"name":"Name","priority":0},{"name":"Status","priority":0}],"rows":[{"cells":["web-1","Pending"]}]}}
                {"type":"BOOKMARK","object":{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"12"}}}
                {"type":"MODIFIED","object":{"kind":"Table","apiVersion":"meta.k8s.io/v1","columnDefinitions":[],"rows":[{"cells":["web-1","Running"]}]}}
                """;
        StringWriter out = new StringWriter();

        new WatchPrinter(new TablePrinter(false, false), clock, null, false, t -> t)
                .follow(new BufferedReader(new StringReader(stream)), new PrintWriter(out));

        assertThat(out.toString().lines().toList()).containsExactly(
                "NAME    STATUS", "web-1   Pending", "web-1   Running");
    }

    @Test
    void plainObjectsPrintNameAndAgeAfterAnEarlierHeader() {
        String stream = """
                {"type":"DELETED","object":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web-1","creationTimestamp":"2026-11-27T19:59:00Z"}}}
                """;
        StringWriter out = new StringWriter();

        new WatchPrinter(new TablePrinter(false, false), clock, List.of(), true, t -> t)
                .follow(new BufferedReader(new StringReader(stream)), new PrintWriter(out));

        assertThat(out.toString().lines().toList()).containsExactly("web-1   60s");
    }

    @Test
    void anErrorEventEndsTheWatchWithTheServersMessage() {
        String stream = """
                {"type":"ERROR","object":{"kind":"Status","code":410,"message":"too old resource version: 5 (90)"}}
                """;

        assertThatThrownBy(() -> new WatchPrinter(new TablePrinter(false, false), clock, null, false, t -> t)
                .follow(new BufferedReader(new StringReader(stream)), new PrintWriter(new StringWriter())))
                .isInstanceOf(CliException.class).hasMessageContaining("too old resource version");
    }
}
