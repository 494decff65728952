package dev.wharf.gateway.dns;

import io.netty.handler.codec.dns.DnsRecordType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.wharf.gateway.dns.DnsFixtures.clusterIp;
import static dev.wharf.gateway.dns.DnsFixtures.externalName;
import static dev.wharf.gateway.dns.DnsFixtures.headless;
import static dev.wharf.gateway.dns.DnsFixtures.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DnsRecordsTest {
    private final DnsRecords zone = DnsRecords.build("cluster.local",
            List.of(clusterIp("default", "web", "10.96.0.20"), headless("db", "pg", false),
                    headless("db", "all", true), externalName("default", "ext", "example.com."),
                    externalName("default", "alias", "web.default.svc.cluster.local")),
            List.of(slice("db", "pg", "10.1.0.5=pg-0", "10.1.0.6!", "10.1.0.7"),
                    slice("db", "all", "10.1.0.8", "10.1.0.9!")));

    private List<String> values(String name, DnsRecordType type) {
        DnsRecords.Answer a = zone.lookup(name, type);
        assertThat(a.status()).isEqualTo(DnsRecords.Status.NOERROR);
        return a.answers().stream().map(rr -> switch (rr.data()) {
            case Rr.Address ad -> ad.address().getHostAddress();
            case Rr.Cname c -> "CNAME " + c.target();
            case Rr.Srv s -> s.port() + " " + s.target();
            case Rr.Ptr p -> "PTR " + p.target();
        }).toList();
    }

    @Test
    void clusterIpServiceHasItsClusterIp() {
        assertThat(values("web.default.svc.cluster.local.", DnsRecordType.A)).containsExactly("10.96.0.20");
    }

    @Test
    void namesAreCaseInsensitive() {
        assertThat(values("WEB.Default.SVC.cluster.LOCAL.", DnsRecordType.A)).containsExactly("10.96.0.20");
    }

    @Test
    void headlessServiceHasReadyEndpointsOnly() {
        assertThat(values("pg.db.svc.cluster.local", DnsRecordType.A)).containsExactly("10.1.0.5", "10.1.0.7");
    }

    @Test
    void headlessWithPublishNotReadyAddressesHasAll() {
        assertThat(values("all.db.svc.cluster.local", DnsRecordType.A)).containsExactly("10.1.0.8", "10.1.0.9");
    }

    @Test
    void headlessEndpointHostnamesHaveARecords() {
        assertThat(values("pg-0.pg.db.svc.cluster.local", DnsRecordType.A)).containsExactly("10.1.0.5");
        assertThat(values("10-1-0-7.pg.db.svc.cluster.local", DnsRecordType.A)).containsExactly("10.1.0.7");
        assertThat(zone.lookup("10-1-0-6.pg.db.svc.cluster.local", DnsRecordType.A).status())
                .isEqualTo(DnsRecords.Status.NXDOMAIN);
    }

    @Test
    void externalNameIsACname() {
        assertThat(values("ext.default.svc.cluster.local", DnsRecordType.A)).containsExactly("CNAME example.com");
    }

    @Test
    void cnameInsideTheZoneIsFollowed() {
        assertThat(values("alias.default.svc.cluster.local", DnsRecordType.A))
                .containsExactly("CNAME web.default.svc.cluster.local", "10.96.0.20");
    }

    @Test
    void srvForNamedPortsOnly() {
        assertThat(values("_http._tcp.web.default.svc.cluster.local", DnsRecordType.SRV))
                .containsExactly("80 web.default.svc.cluster.local");
        assertThat(values("_db._tcp.pg.db.svc.cluster.local", DnsRecordType.SRV))
                .containsExactly("5432 pg-0.pg.db.svc.cluster.local", "5432 10-1-0-7.pg.db.svc.cluster.local");
        assertThat(zone.lookup("_db._tcp.pg.db.svc.cluster.local", DnsRecordType.SRV).additionals())
                .extracting(Rr::name)
                .containsExactly("pg-0.pg.db.svc.cluster.local", "10-1-0-7.pg.db.svc.cluster.local");
        assertThat(zone.lookup("_http._udp.web.default.svc.cluster.local", DnsRecordType.SRV).status())
                .isEqualTo(DnsRecords.Status.NXDOMAIN);
    }

    @Test
    void existingNameWithoutThatTypeIsNodataNotNxdomain() {
        DnsRecords.Answer aaaa = zone.lookup("web.default.svc.cluster.local", DnsRecordType.AAAA);
        assertThat(aaaa.status()).isEqualTo(DnsRecords.Status.NOERROR);
        assertThat(aaaa.answers()).isEmpty();
        assertThat(zone.lookup("default.svc.cluster.local", DnsRecordType.A).status())
                .isEqualTo(DnsRecords.Status.NOERROR);
        assertThat(zone.lookup("cluster.local", DnsRecordType.A).status()).isEqualTo(DnsRecords.Status.NOERROR);
    }

    @Test
    void missingNamesInTheZoneAreNxdomain() {
        assertThat(zone.lookup("nope.default.svc.cluster.local", DnsRecordType.A).status())
                .isEqualTo(DnsRecords.Status.NXDOMAIN);
        assertThat(zone.lookup("web.other.svc.cluster.local", DnsRecordType.AAAA).status())
                .isEqualTo(DnsRecords.Status.NXDOMAIN);
    }

    @Test
    void searchListCandidatesOfAnExistingServiceAreNodataSoParallelStubResolversSucceed() {
        // a pod in "default" asks web.default.svc..., web.svc... and web.cluster.local at once (busybox nslookup)
        for (String candidate : new String[] {"web.svc.cluster.local", "web.cluster.local"}) {
            DnsRecords.Answer a = zone.lookup(candidate, DnsRecordType.A);
            assertThat(a.status()).as(candidate).isEqualTo(DnsRecords.Status.NOERROR);
            assertThat(a.answers()).as(candidate).isEmpty();
        }
        assertThat(zone.lookup("nope.svc.cluster.local", DnsRecordType.A).status()).isEqualTo(DnsRecords.Status.NXDOMAIN);
        assertThat(zone.lookup("nope.cluster.local", DnsRecordType.A).status()).isEqualTo(DnsRecords.Status.NXDOMAIN);
        assertThat(zone.lookup("x.web.cluster.local", DnsRecordType.A).status()).isEqualTo(DnsRecords.Status.NXDOMAIN);
    }

    @Test
    void namesOutsideTheZoneAreForwarded() {
        assertThat(zone.lookup("example.com.", DnsRecordType.A).status())
                .isEqualTo(DnsRecords.Status.NOT_AUTHORITATIVE);
        assertThat(zone.authoritative("notcluster.local")).isFalse();
        assertThat(zone.lookup("1.0.0.127.in-addr.arpa", DnsRecordType.PTR).status())
                .isEqualTo(DnsRecords.Status.NOT_AUTHORITATIVE);
    }

    @Test
    void podNamesResolveToTheirDashedAddress() {
        assertThat(values("10-1-0-5.db.pod.cluster.local", DnsRecordType.A)).containsExactly("10.1.0.5");
        assertThat(zone.lookup("10-1-0-300.db.pod.cluster.local", DnsRecordType.A).status())
                .isEqualTo(DnsRecords.Status.NXDOMAIN);
    }

    @Test
    void reverseLookupOfClusterIpsAndEndpoints() {
        assertThat(values("20.0.96.10.in-addr.arpa.", DnsRecordType.PTR))
                .containsExactly("PTR web.default.svc.cluster.local");
        assertThat(values("5.0.1.10.in-addr.arpa", DnsRecordType.PTR))
                .containsExactly("PTR pg-0.pg.db.svc.cluster.local");
    }

    @Test
    void dualStackClusterIpsGiveAAndAaaa() {
        var svc = clusterIp("default", "dual", "10.96.0.30");
        svc.getSpec().setClusterIPs(List.of("10.96.0.30", "fd00::30"));
        DnsRecords z = DnsRecords.build("cluster.local", List.of(svc), List.of());
        assertThat(z.lookup("dual.default.svc.cluster.local", DnsRecordType.AAAA).answers()).hasSize(1);
        assertThat(z.lookup("dual.default.svc.cluster.local", DnsRecordType.A).answers()).hasSize(1);
    }

    @Test
    void otherClusterDomainAndBadObjectsAreTolerated() {
        var broken = clusterIp("default", "broken", "not-an-ip");
        DnsRecords z = DnsRecords.build("Corp.Example.", List.of(broken, clusterIp("a", "b", "10.0.0.1")),
                List.of(slice("a", "nosvc", "10.1.1.1")));
        assertThat(z.lookup("b.a.svc.corp.example", DnsRecordType.A).answers()).hasSize(1);
        assertThat(z.lookup("broken.default.svc.corp.example", DnsRecordType.A).status())
                .isEqualTo(DnsRecords.Status.NOERROR);
        assertThatThrownBy(() -> DnsRecords.build(" ", List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
