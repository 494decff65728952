package dev.wharf.gateway;

import static dev.wharf.gateway.Fixtures.defaultRoute;
import static dev.wharf.gateway.Fixtures.ep;
import static dev.wharf.gateway.Fixtures.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.common.Clock;
import dev.wharf.gateway.model.Cluster;
import dev.wharf.gateway.model.HealthCheck;
import dev.wharf.gateway.model.LbPolicy;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HealthCheckTest {
    private static Set<String> bodies(int port, int n) throws Exception {
        Set<String> seen = new HashSet<>();
        try (TestHttp c = new TestHttp(port)) {
            for (int i = 0; i < n; i++) {
                seen.add(c.get("web", "/").body());
            }
        }
        return seen;
    }

    private static long connectErrors(Gateway g) {
        StringBuilder sb = new StringBuilder();
        g.writePrometheus(sb);
        String prefix = "wharf_gateway_upstream_connect_errors_total{namespace=\"default\",service=\"web\"} ";
        return sb.toString().lines().filter(l -> l.startsWith(prefix))
                .mapToLong(l -> Long.parseLong(l.substring(prefix.length()))).sum();
    }

    @Test
    void httpCheckMarksAnEndpointDownAndUpAgain() throws Exception {
        try (Backend a = new Backend("a");
             Backend b = new Backend("b");
             Gateway g = new Gateway(GatewayOptions.defaults(Clock.system()))) {
            HealthCheck hc = new HealthCheck("/healthz", Duration.ofMillis(50), Duration.ofMillis(500), 2, 2);
            Cluster c = Fixtures.cluster("web", LbPolicy.ROUND_ROBIN, hc, ep(a), ep(b));
            int port = freePort();
            g.apply(Fixtures.http(port, List.of(defaultRoute(c)), c));
            assertThat(bodies(port, 4)).containsOnly("a", "b");
            b.forcedStatus = 503;
            await().atMost(Duration.ofSeconds(5)).until(() -> bodies(port, 4).equals(Set.of("a")));
            b.forcedStatus = 0;
            await().atMost(Duration.ofSeconds(5)).until(() -> bodies(port, 4).equals(Set.of("a", "b")));
        }
    }

    @Test
    void tcpCheckMarksAClosedPortDown() throws Exception {
        int dead = freePort();
        try (Backend a = new Backend("a");
             Gateway g = new Gateway(GatewayOptions.defaults(Clock.system()))) {
            HealthCheck hc = new HealthCheck("", Duration.ofMillis(50), Duration.ofMillis(500), 1, 1);
            Cluster c = Fixtures.cluster("web", LbPolicy.ROUND_ROBIN, hc, ep(a), ep(dead));
            int port = freePort();
            g.apply(Fixtures.http(port, List.of(defaultRoute(c)), c));
            await().atMost(Duration.ofSeconds(5)).until(() -> bodies(port, 6).equals(Set.of("a")));
            long errors = connectErrors(g);
            assertThat(bodies(port, 10)).containsOnly("a");
            assertThat(connectErrors(g)).as("the down endpoint gets no connect attempts").isEqualTo(errors);
            try (Backend revived = new Backend("revived", dead)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> bodies(port, 4).contains("revived"));
            }
        }
    }
}
