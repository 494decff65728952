package dev.wharf.gateway.dns;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static dev.wharf.gateway.dns.DnsFixtures.clusterIp;
import static dev.wharf.gateway.dns.DnsFixtures.headless;
import static dev.wharf.gateway.dns.DnsFixtures.slice;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * busybox nslookup (the usual in-pod check) asks A and AAAA and cannot take a port: the server binds port 53 on a
 * spare loopback address, which needs root (skipped otherwise).
 */
class BusyboxNslookupTest {
    @Test
    void busyboxNslookupExitsZeroForServicesAndNonZeroForMissingNames() throws Exception {
        Tools.require("busybox");
        DnsRecords zone = DnsRecords.build("cluster.local",
                List.of(clusterIp("default", "web", "10.96.0.20"), headless("db", "pg", false)),
                List.of(slice("db", "pg", "10.1.0.5=pg-0")));
        InetSocketAddress bind = new InetSocketAddress("127.53.0.1", 53);
        ClusterDnsServer server = new ClusterDnsServer(bind, "cluster.local", () -> zone, List.of());
        try {
            server.start();
        } catch (IllegalStateException e) {
            Assumptions.abort("cannot bind " + bind + " (needs root): " + e.getMessage());
        }
        try (server) {
            Tools.Result web = Tools.run(List.of("busybox", "nslookup", "web.default.svc.cluster.local", "127.53.0.1"));
            assertThat(web.exit()).as(web.out()).isZero();
            assertThat(web.out()).contains("10.96.0.20");
            Tools.Result pg = Tools.run(List.of("busybox", "nslookup", "pg.db.svc.cluster.local", "127.53.0.1"));
            assertThat(pg.exit()).as(pg.out()).isZero();
            assertThat(pg.out()).contains("10.1.0.5");
            Tools.Result missing = Tools.run(List.of("busybox", "nslookup", "nope.default.svc.cluster.local",
                    "127.53.0.1"));
            assertThat(missing.exit()).as(missing.out()).isNotZero();
            assertThat(missing.out()).contains("NXDOMAIN");
        }
    }
}
