package dev.wharf.agent.dns;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodDNSConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PodResolvConfTest {
    private static final String HOST = """
            # host file
            nameserver 10.255.255.53
            nameserver 10.255.255.54
            search corp.example lab.example
            options edns0 ndots:1
            """;
    private static final List<String> CLUSTER_DNS = List.of("100.64.0.10");

    private static Pod pod(String policy, boolean hostNetwork) {
        return new PodBuilder().withNewMetadata().withNamespace("shop").withName("p").endMetadata()
                .withNewSpec().withDnsPolicy(policy).withHostNetwork(hostNetwork).endSpec().build();
    }

    private static String render(Pod pod) {
        return PodResolvConf.render(pod, CLUSTER_DNS, "cluster.local", HOST);
    }

    @Test
    void clusterFirstIsTheDefault() {
        String expected = """
                nameserver 100.64.0.10
                search shop.svc.cluster.local svc.cluster.local cluster.local corp.example lab.example
                options ndots:5
                """;
        assertThat(render(pod(null, false))).isEqualTo(expected);
        assertThat(render(pod("ClusterFirst", false))).isEqualTo(expected);
    }

    @Test
    void clusterFirstOnHostNetworkActsAsDefault() {
        assertThat(render(pod("ClusterFirst", true))).isEqualTo("""
                nameserver 10.255.255.53
                nameserver 10.255.255.54
                search corp.example lab.example
                options edns0 ndots:1
                """);
    }

    @Test
    void clusterFirstWithHostNetUsesClusterDnsOnHostNetwork() {
        assertThat(render(pod("ClusterFirstWithHostNet", true)))
                .startsWith("nameserver 100.64.0.10\nsearch shop.svc.cluster.local ")
                .endsWith("options ndots:5\n");
    }

    @Test
    void defaultIsTheHostFile() {
        assertThat(render(pod("Default", false))).isEqualTo(render(pod("ClusterFirst", true)));
    }

    @Test
    void clusterFirstWithoutClusterDnsFallsBackToTheHost() {
        assertThat(PodResolvConf.render(pod("ClusterFirst", false), List.of(), "cluster.local", HOST))
                .isEqualTo(render(pod("Default", false)));
    }

    @Test
    void noneUsesOnlyDnsConfig() {
        Pod p = pod("None", false);
        assertThat(render(p)).isEmpty();
        p.getSpec().setDnsConfig(new PodDNSConfigBuilder().withNameservers("1.1.1.1")
                .withSearches("a.example").addNewOption().withName("ndots").withValue("2").endOption().build());
        assertThat(render(p)).isEqualTo("""
                nameserver 1.1.1.1
                search a.example
                options ndots:2
                """);
    }

    @Test
    void dnsConfigMergesIntoClusterFirst() {
        Pod p = pod("ClusterFirst", false);
        p.getSpec().setDnsConfig(new PodDNSConfigBuilder().withNameservers("100.64.0.10", "9.9.9.9")
                .withSearches("cluster.local", "extra.example")
                .addNewOption().withName("ndots").withValue("2").endOption()
                .addNewOption().withName("single-request-reopen").endOption().build());
        assertThat(render(p)).isEqualTo("""
                nameserver 100.64.0.10
                nameserver 9.9.9.9
                search shop.svc.cluster.local svc.cluster.local cluster.local corp.example lab.example extra.example
                options ndots:2 single-request-reopen
                """);
    }

    @Test
    void otherClusterDomainAndLimits() {
        Pod p = pod("ClusterFirst", false);
        p.getSpec().setDnsConfig(new PodDNSConfigBuilder().withNameservers("1.1.1.1", "2.2.2.2", "3.3.3.3").build());
        String out = PodResolvConf.render(p, CLUSTER_DNS, "Corp.Internal.", "");
        assertThat(out).isEqualTo("""
                nameserver 100.64.0.10
                nameserver 1.1.1.1
                nameserver 2.2.2.2
                search shop.svc.corp.internal svc.corp.internal corp.internal
                options ndots:5
                """);
    }

    @Test
    void parsesDomainLinesAndComments() {
        PodResolvConf.Config c = PodResolvConf.Config.parse("domain a.example\n; c\nnameserver 10.0.0.1\n");
        assertThat(c.searches()).containsExactly("a.example");
        assertThat(c.nameservers()).containsExactly("10.0.0.1");
    }
}
