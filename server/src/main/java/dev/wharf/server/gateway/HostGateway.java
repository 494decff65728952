package dev.wharf.server.gateway;

import dev.wharf.common.Clock;
import dev.wharf.common.Component;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.gateway.Gateway;
import dev.wharf.gateway.GatewayOptions;
import dev.wharf.gateway.dns.ClusterDnsServer;
import dev.wharf.gateway.dns.DnsRecords;
import dev.wharf.gateway.k8s.ClusterView;
import dev.wharf.gateway.k8s.GatewaySettings;
import dev.wharf.gateway.k8s.GatewaySync;
import dev.wharf.gateway.k8s.PodCidrZones;
import dev.wharf.gateway.vip.InterfaceVips;
import dev.wharf.gateway.vip.VirtualIps;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The network services of one host: the gateway (cluster IPs, node ports, load balancers, Ingress) and the cluster
 * DNS, both fed by one {@link GatewaySync}. Cluster IPs and the DNS address become local addresses of an
 * interface Wharf owns (needs root); without it only the Ingress, node ports and load balancers are served.
 */
public final class HostGateway implements Component {
    /** The interface that holds the service addresses (kube-proxy's IPVS mode calls its own kube-ipvs0). */
    public static final String DEVICE = "wharf-svc";
    /** The cluster DNS address pods' resolv.conf names: the cluster IP of kube-system/kube-dns (as 10.96.0.10 in kubeadm). */
    public static final String CLUSTER_DNS_IP = "100.64.0.10";

    private final Supplier<ApiClient> api;
    private final GatewaySettings settings;
    private final String dnsIp;
    private final String clusterDomain;
    private final Clock clock;
    private final String localZone;
    private VirtualIps vips = VirtualIps.NONE;
    private Gateway gateway;
    private GatewaySync sync;
    private ClusterDnsServer dns;
    private volatile DnsRecords records;
    private final Set<String> reportedFailures = new HashSet<>();

    public HostGateway(Supplier<ApiClient> api, GatewaySettings settings, String dnsIp, String clusterDomain,
                       Clock clock, String localZone) {
        this.api = api;
        this.settings = settings;
        this.dnsIp = dnsIp;
        this.clusterDomain = clusterDomain;
        this.clock = clock;
        this.localZone = localZone;
    }

    @Override
    public String name() {
        return "gateway";
    }

    /** Whether this process may make cluster IPs local addresses (root, CAP_NET_ADMIN). */
    public static boolean canServeClusterIps() {
        return dev.wharf.images.unpack.Host.isRoot();
    }

    @Override
    public void start() throws Exception {
        if (settings.serveClusterIps()) {
            try {
                vips = InterfaceVips.create(DEVICE);
            } catch (Exception e) {
                System.err.println("wharf: cluster IPs are not served on this host: " + e.getMessage());
            }
        }
        PodCidrZones zones = new PodCidrZones();
        gateway = new Gateway(GatewayOptions.defaults(clock).withZones(zones::zoneOf, localZone));
        GatewaySettings effective = new GatewaySettings(settings.ingressBindIp(), settings.ingressPort(),
                settings.ingressTlsPort(), settings.nodePortBindIp(), vips.active(), settings.ingressClass(),
                settings.defaultClass());
        records = DnsRecords.empty(clusterDomain);
        sync = new GatewaySync(api.get(), effective, vips, vips.active() ? Set.of(dnsIp) : Set.of(), config -> {
            gateway.apply(config);
            reportBindFailures();
        });
        sync.onView((ClusterView v) -> {
            zones.update(v.nodes());
            records = DnsRecords.build(clusterDomain, v.services(), v.slices());
        });
        sync.start();
        if (vips.active()) {
            ClusterDnsServer server = new ClusterDnsServer(new InetSocketAddress(dnsIp, 53), clusterDomain,
                    () -> records, ClusterDnsServer.hostUpstreams(Path.of("/etc/resolv.conf")));
            try {
                server.start();
                dns = server;
            } catch (RuntimeException e) {
                // the rest of the gateway works without it; pods only lose service names
                System.err.println("wharf: the cluster DNS is not served on this host: " + e.getMessage());
            }
        }
    }

    private void reportBindFailures() {
        for (var f : gateway.bindFailures()) {
            if (reportedFailures.add(f.toString())) {
                System.err.println("wharf: the gateway cannot listen: " + f);
            }
        }
    }

    /** The data path, for the server's /metrics and the autoscaler. */
    public Gateway gateway() {
        return gateway;
    }

    /** Whether cluster IPs and the cluster DNS will be served (decided before start, so nodes can be told). */
    public boolean servesClusterIps() {
        return settings.serveClusterIps();
    }

    @Override
    public void stop() throws Exception {
        if (dns != null) {
            dns.close();
        }
        if (sync != null) {
            sync.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        vips.close();
    }
}
