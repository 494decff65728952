package dev.wharf.gateway.lb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.ManualClock;
import dev.wharf.common.Randoms;
import dev.wharf.gateway.ClientZones;
import dev.wharf.gateway.metrics.GatewayMetrics;
import dev.wharf.gateway.model.Cluster;
import dev.wharf.gateway.model.Endpoint;
import dev.wharf.gateway.model.LbPolicy;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterStateTest {
    private final ManualClock clock = new ManualClock();
    private final InetAddress clientA = addr("10.0.0.1");
    private final InetAddress clientB = addr("10.0.0.2");

    private static InetAddress addr(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Endpoint ep(int n, String zone) {
        return new Endpoint("10.1.0." + n, 8080, zone, "node", "", true, false);
    }

    private ClusterState cluster(LbPolicy policy, boolean affinity, ClientZones zones, String local, Endpoint... eps) {
        var ctx = new LbContext(clock, Randoms.seeded(42), zones, local, new GatewayMetrics(clock));
        return new ClusterState(ctx, new Cluster("ns/s:80", "ns", "s", "", policy, affinity, 60, null, List.of(eps)));
    }

    private Map<String, Integer> spread(ClusterState c, InetAddress client, int n) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(c.pick(client, List.of()).address, 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void roundRobinSpreadsEvenlyOverReadyEndpointsOnly() {
        Endpoint notReady = new Endpoint("10.1.0.9", 8080, "", "", "", false, false);
        Endpoint terminating = new Endpoint("10.1.0.8", 8080, "", "", "", true, true);
        ClusterState c = cluster(LbPolicy.ROUND_ROBIN, false, ClientZones.UNKNOWN, "", ep(1, ""), ep(2, ""), ep(3, ""),
                notReady, terminating);
        assertThat(spread(c, clientA, 300)).containsOnly(Map.entry("10.1.0.1:8080", 100),
                Map.entry("10.1.0.2:8080", 100), Map.entry("10.1.0.3:8080", 100));
    }

    @Test
    void leastRequestFavoursTheIdleEndpoint() {
        ClusterState c = cluster(LbPolicy.LEAST_REQUEST, false, ClientZones.UNKNOWN, "", ep(1, ""), ep(2, ""));
        c.endpoints()[0].inFlight.set(10);
        assertThat(spread(c, clientA, 100)).containsOnly(Map.entry("10.1.0.2:8080", 100));
        ClusterState three = cluster(LbPolicy.LEAST_REQUEST, false, ClientZones.UNKNOWN, "", ep(1, ""), ep(2, ""),
                ep(3, ""));
        three.endpoints()[0].inFlight.set(10);
        three.endpoints()[1].inFlight.set(10);
        assertThat(spread(three, clientA, 300).get("10.1.0.3:8080")).isGreaterThan(150);
    }

    @Test
    void sameZoneIsPreferredAndOtherZonesAreTheFallback() {
        ClientZones zones = a -> a.equals(clientA) ? "z1" : "";
        ClusterState c = cluster(LbPolicy.ROUND_ROBIN, false, zones, "z2", ep(1, "z1"), ep(2, "z2"), ep(3, "z2"));
        assertThat(spread(c, clientA, 10)).containsOnlyKeys("10.1.0.1:8080");
        assertThat(spread(c, clientB, 10)).containsOnlyKeys("10.1.0.2:8080", "10.1.0.3:8080");
        c.update(new Cluster("ns/s:80", "ns", "s", "", LbPolicy.ROUND_ROBIN, false, 60, null,
                List.of(new Endpoint("10.1.0.1", 8080, "z1", "", "", false, false), ep(2, "z2"), ep(3, "z2"))));
        assertThat(spread(c, clientA, 10)).containsOnlyKeys("10.1.0.2:8080", "10.1.0.3:8080");
    }

    @Test
    void clientIpAffinitySticksWhileHealthyAndExpires() {
        ClusterState c = cluster(LbPolicy.ROUND_ROBIN, true, ClientZones.UNKNOWN, "", ep(1, ""), ep(2, ""), ep(3, ""));
        String first = c.pick(clientA, List.of()).address;
        assertThat(spread(c, clientA, 20)).containsOnlyKeys(first);
        c.update(new Cluster("ns/s:80", "ns", "s", "", LbPolicy.ROUND_ROBIN, true, 60, null,
                List.of(ep(1, ""), ep(2, ""), ep(3, "")).stream()
                        .map(e -> e.address().equals(first) ? new Endpoint(e.ip(), e.port(), "", "", "", true, true)
                                : e).toList()));
        String second = c.pick(clientA, List.of()).address;
        assertThat(second).isNotEqualTo(first);
        assertThat(spread(c, clientA, 20)).containsOnlyKeys(second);
        clock.advance(Duration.ofSeconds(61));
        c.pick(clientA, List.of());
        assertThat(spread(c, clientA, 20)).hasSize(1);
    }

    @Test
    void fiveConsecutiveFailuresEjectForTenSecondsButNeverOverHalf() {
        ClusterState c = cluster(LbPolicy.ROUND_ROBIN, false, ClientZones.UNKNOWN, "", ep(1, ""), ep(2, ""), ep(3, ""),
                ep(4, ""));
        EndpointState[] eps = c.endpoints();
        for (int i = 0; i < 4; i++) {
            c.reportFailure(eps[0]);
        }
        c.reportSuccess(eps[0]);
        for (int i = 0; i < 4; i++) {
            c.reportFailure(eps[0]);
        }
        assertThat(spread(c, clientA, 40)).containsKey(eps[0].address);
        c.reportFailure(eps[0]);
        assertThat(spread(c, clientA, 30)).doesNotContainKey(eps[0].address);
        for (int i = 0; i < 5; i++) {
            c.reportFailure(eps[1]);
            c.reportFailure(eps[2]);
        }
        assertThat(spread(c, clientA, 30)).containsOnlyKeys(eps[2].address, eps[3].address);
        assertThat(eps[0].stats.ejections.sum() + eps[1].stats.ejections.sum()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(10));
        assertThat(spread(c, clientA, 40)).hasSize(4);
        for (int i = 0; i < 5; i++) {
            c.reportFailure(eps[0]);
        }
        clock.advance(Duration.ofSeconds(15));
        assertThat(spread(c, clientA, 40)).doesNotContainKey(eps[0].address);
        clock.advance(Duration.ofSeconds(5));
        assertThat(spread(c, clientA, 40)).containsKey(eps[0].address);
    }

    @Test
    void removedEndpointsAreRetiredAndKeptOnesKeepTheirState() {
        ClusterState c = cluster(LbPolicy.ROUND_ROBIN, false, ClientZones.UNKNOWN, "", ep(1, ""), ep(2, ""));
        EndpointState one = c.endpoints()[0];
        EndpointState two = c.endpoints()[1];
        one.inFlight.set(3);
        c.update(new Cluster("ns/s:80", "ns", "s", "", LbPolicy.ROUND_ROBIN, false, 60, null, List.of(ep(1, ""))));
        assertThat(c.endpoints()).containsExactly(one);
        assertThat(one.inFlight.get()).isEqualTo(3);
        assertThat(two.retired()).isTrue();
        assertThat(spread(c, clientA, 5)).containsOnlyKeys(one.address);
        c.update(new Cluster("ns/s:80", "ns", "s", "", LbPolicy.ROUND_ROBIN, false, 60, null, List.of()));
        assertThat(c.pick(clientA, List.of())).isNull();
    }
}
