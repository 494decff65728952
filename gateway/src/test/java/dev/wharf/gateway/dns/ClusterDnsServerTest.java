package dev.wharf.gateway.dns;

import dev.wharf.common.Randoms;
import io.netty.handler.codec.dns.DnsRecordType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static dev.wharf.gateway.dns.DnsFixtures.clusterIp;
import static dev.wharf.gateway.dns.DnsFixtures.externalName;
import static dev.wharf.gateway.dns.DnsFixtures.headless;
import static dev.wharf.gateway.dns.DnsFixtures.slice;
import static dev.wharf.gateway.dns.Tools.dig;
import static dev.wharf.gateway.dns.Tools.digShort;
import static dev.wharf.gateway.dns.Tools.digStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server over real sockets, queried with dig over UDP and TCP. */
class ClusterDnsServerTest {
    private static final InetSocketAddress LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final AtomicReference<DnsRecords> zone = new AtomicReference<>();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private ClusterDnsServer upstream;
    private ClusterDnsServer server;

    @BeforeEach
    void start() {
        Tools.require("dig");
        zone.set(DnsRecords.build("cluster.local",
                List.of(clusterIp("default", "web", "10.96.0.20"), headless("db", "pg", false),
                        externalName("default", "ext", "www.x.svc.upstream.test")),
                List.of(slice("db", "pg", "10.1.0.5=pg-0", "10.1.0.6!", "10.1.0.7"))));
        DnsRecords upstreamZone = DnsRecords.build("upstream.test",
                List.of(clusterIp("x", "www", "192.0.2.7")), List.of());
        upstream = open(new ClusterDnsServer(LOCAL, "upstream.test", () -> upstreamZone, List.of()));
        server = open(new ClusterDnsServer(LOCAL, "cluster.local", zone::get, List.of(upstream.address()),
                Duration.ofMillis(300), Randoms.seeded(1)));
    }

    private ClusterDnsServer open(ClusterDnsServer s) {
        closing.add(s);
        return s.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    @Test
    void answersServicesOverUdpAndTcp() throws Exception {
        InetSocketAddress at = server.address();
        assertThat(digShort(at, "web.default.svc.cluster.local", "A")).containsExactly("10.96.0.20");
        assertThat(digShort(at, "web.default.svc.cluster.local", "A", "+tcp")).containsExactly("10.96.0.20");
        assertThat(digShort(at, "Web.Default.Svc.Cluster.Local", "A", "+noedns")).containsExactly("10.96.0.20");
        assertThat(digShort(at, "pg.db.svc.cluster.local", "A")).containsExactlyInAnyOrder("10.1.0.5", "10.1.0.7");
    }

    @Test
    void answersSrvWithTargetAddresses() throws Exception {
        InetSocketAddress at = server.address();
        assertThat(digShort(at, "_db._tcp.pg.db.svc.cluster.local", "SRV")).containsExactlyInAnyOrder(
                "0 100 5432 pg-0.pg.db.svc.cluster.local.", "0 100 5432 10-1-0-7.pg.db.svc.cluster.local.");
        String full = dig(at, "_db._tcp.pg.db.svc.cluster.local", "SRV");
        assertThat(full).contains("ADDITIONAL SECTION").containsPattern("pg-0\\.pg\\.db\\.svc\\.cluster\\.local\\.\\s+5\\s+IN\\s+A\\s+10\\.1\\.0\\.5");
        assertThat(digShort(at, "20.0.96.10.in-addr.arpa", "PTR")).containsExactly("web.default.svc.cluster.local.");
    }

    @Test
    void nxdomainForMissingNamesNodataWithSoaForMissingTypes() throws Exception {
        InetSocketAddress at = server.address();
        assertThat(digStatus(at, "nope.default.svc.cluster.local", "A")).isEqualTo("NXDOMAIN");
        assertThat(digStatus(at, "nope.default.svc.cluster.local", "A", "+tcp")).isEqualTo("NXDOMAIN");
        String aaaa = dig(at, "web.default.svc.cluster.local", "AAAA");
        assertThat(aaaa).contains("status: NOERROR").contains("ANSWER: 0,").contains("AUTHORITY: 1,")
                .contains("flags: qr aa rd ra").containsPattern("cluster\\.local\\.\\s+5\\s+IN\\s+SOA");
    }

    @Test
    void followsTheSnapshotSupplier() throws Exception {
        InetSocketAddress at = server.address();
        assertThat(digStatus(at, "new.default.svc.cluster.local", "A")).isEqualTo("NXDOMAIN");
        zone.set(DnsRecords.build("cluster.local", List.of(clusterIp("default", "new", "10.96.0.99")), List.of()));
        assertThat(digShort(at, "new.default.svc.cluster.local", "A")).containsExactly("10.96.0.99");
    }

    @Test
    void forwardsOtherNamesToTheUpstreamOverUdpAndTcp() throws Exception {
        InetSocketAddress at = server.address();
        assertThat(digShort(at, "www.x.svc.upstream.test", "A")).containsExactly("192.0.2.7");
        assertThat(digShort(at, "www.x.svc.upstream.test", "A", "+tcp")).containsExactly("192.0.2.7");
        assertThat(digStatus(at, "missing.x.svc.upstream.test", "A")).isEqualTo("NXDOMAIN");
        // the upstream's answer comes back verbatim: its authority, not ours
        assertThat(dig(at, "missing.x.svc.upstream.test", "A")).containsPattern("upstream\\.test\\.\\s+5\\s+IN\\s+SOA");
    }

    @Test
    void externalNameGivesTheCnameAndTheTargetsAddressesFromUpstream() throws Exception {
        InetSocketAddress at = server.address();
        assertThat(digShort(at, "ext.default.svc.cluster.local", "A"))
                .containsExactly("www.x.svc.upstream.test.", "192.0.2.7");
        assertThat(digShort(at, "ext.default.svc.cluster.local", "A", "+tcp"))
                .containsExactly("www.x.svc.upstream.test.", "192.0.2.7");
        assertThat(digShort(at, "ext.default.svc.cluster.local", "CNAME")).containsExactly("www.x.svc.upstream.test.");
        assertThat(digShort(at, "ext.default.svc.cluster.local", "AAAA")).containsExactly("www.x.svc.upstream.test.");
    }

    @Test
    void silentUpstreamGivesServfailAfterTheTimeout() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(LOCAL)) {
            ClusterDnsServer s = open(new ClusterDnsServer(LOCAL, "cluster.local", zone::get,
                    List.of((InetSocketAddress) silent.getLocalSocketAddress()), Duration.ofMillis(200),
                    Randoms.seeded(2)));
            assertThat(digStatus(s.address(), "example.com", "A")).isEqualTo("SERVFAIL");
            assertThat(digStatus(s.address(), "example.com", "A", "+tcp")).isEqualTo("SERVFAIL");
            assertThat(digShort(s.address(), "web.default.svc.cluster.local", "A")).containsExactly("10.96.0.20");
            assertThat(digShort(s.address(), "ext.default.svc.cluster.local", "A"))
                    .containsExactly("www.x.svc.upstream.test.");
        }
    }

    @Test
    void noUpstreamsGivesServfail() throws Exception {
        ClusterDnsServer s = open(new ClusterDnsServer(LOCAL, "cluster.local", zone::get, List.of()));
        assertThat(digStatus(s.address(), "example.com", "A")).isEqualTo("SERVFAIL");
    }

    @Test
    void largeAnswersAreTruncatedOverUdpAndCompleteOverTcp() throws Exception {
        List<String> eps = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            eps.add("10.2.0." + i);
        }
        zone.set(DnsRecords.build("cluster.local", List.of(headless("db", "big", false)),
                List.of(slice("db", "big", eps.toArray(String[]::new)))));
        InetSocketAddress at = server.address();
        assertThat(dig(at, "big.db.svc.cluster.local", "A", "+noedns", "+ignore")).contains("flags: qr aa tc");
        assertThat(digShort(at, "big.db.svc.cluster.local", "A", "+tcp")).hasSize(60);
        assertThat(digShort(at, "big.db.svc.cluster.local", "A")).hasSize(60); // EDNS 1232 bytes fit
    }

    @Test
    void bindFailureIsAClearError() {
        ClusterDnsServer clash = new ClusterDnsServer(server.address(), "cluster.local", zone::get, List.of());
        assertThatThrownBy(clash::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot listen on " + server.address());
    }

    @Test
    void hostUpstreamsReadsNameserverLines(@TempDir Path dir) throws Exception {
        Path conf = Files.writeString(dir.resolve("resolv.conf"), """
                # comment
                search example.com
                nameserver 10.255.255.53
                nameserver fe80::1%eth0
                nameserver bogus
                options ndots:1
                """);
        assertThat(ClusterDnsServer.hostUpstreams(conf)).containsExactly(
                new InetSocketAddress("10.255.255.53", 53), new InetSocketAddress("fe80::1", 53));
        assertThat(ClusterDnsServer.hostUpstreams(dir.resolve("missing"))).isEmpty();
        assertThat(DnsRecordType.A.intValue()).isEqualTo(1);
    }
}
