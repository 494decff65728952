package dev.wharf.gateway;

import static dev.wharf.gateway.Fixtures.cluster;
import static dev.wharf.gateway.Fixtures.defaultRoute;
import static dev.wharf.gateway.Fixtures.ep;
import static dev.wharf.gateway.Fixtures.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wharf.common.ManualClock;
import dev.wharf.gateway.model.Cluster;
import dev.wharf.spi.metrics.ServiceTraffic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void prometheusTextPassesPromtoolAndTrafficIsWindowed() throws Exception {
        ManualClock clock = new ManualClock();
        try (Backend a = new Backend("a");
             Gateway g = new Gateway(GatewayOptions.defaults(clock))) {
            Cluster c = cluster("web", ep(a));
            int port = freePort();
            g.apply(Fixtures.http(port, List.of(defaultRoute(c)), c));
            try (TestHttp client = new TestHttp(port)) {
                for (int i = 0; i < 30; i++) {
                    client.get("web", "/");
                }
                for (int i = 0; i < 10; i++) {
                    client.get("web", "/status/404");
                }
                client.get("web", "/status/503");
            }
            ServiceTraffic t = g.service("default", "web").orElseThrow();
            assertThat(t.responses2xx()).isEqualTo(30);
            assertThat(t.responses4xx()).isEqualTo(10);
            assertThat(t.responses5xx()).isEqualTo(1);
            assertThat(t.requestsPerSecond()).isEqualTo(4.1);
            assertThat(t.activeRequests()).isZero();
            assertThat(t.p99Millis()).isLessThanOrEqualTo(1.0);
            assertThat(g.services()).extracting(ServiceTraffic::service).containsExactly("web");
            clock.advance(Duration.ofSeconds(11));
            assertThat(g.service("default", "web").orElseThrow().requestsPerSecond()).isZero();

            StringBuilder out = new StringBuilder();
            g.writePrometheus(out);
            String text = out.toString();
            assertThat(text).contains("wharf_gateway_requests_total{namespace=\"default\",service=\"web\",code=\"2xx\"} 30",
                    "wharf_gateway_route_requests_total{route=\"default/web:80\",code=\"4xx\"} 10",
                    "wharf_gateway_endpoint_requests_total{namespace=\"default\",service=\"web\",endpoint=\"127.0.0.1:"
                            + a.port() + "\",code=\"5xx\"} 1",
                    "wharf_gateway_request_duration_seconds_count{namespace=\"default\",service=\"web\"} 41");
            Path promtool = Path.of("/usr/bin/promtool");
            if (!Files.isExecutable(promtool)) {
                assumeTrue("true".equals(System.getenv("CI")) ? fail("promtool missing under CI") : false,
                        "promtool not installed");
            }
            Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
            p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
        }
    }

    private static boolean fail(String message) {
        throw new AssertionError(message);
    }
}
