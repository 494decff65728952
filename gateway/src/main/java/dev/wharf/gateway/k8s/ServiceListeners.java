package dev.wharf.gateway.k8s;

import dev.wharf.gateway.model.Cluster;
import dev.wharf.gateway.model.HttpRoute;
import dev.wharf.gateway.model.Listener;
import dev.wharf.gateway.model.PathType;
import dev.wharf.gateway.model.WeightedCluster;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The addresses a Service is reachable on through this host's gateway: its cluster IP (every port), its node ports
 * on the node address, its load-balancer addresses. A port whose {@code appProtocol} is http (or h2c) gets the L7
 * proxy (per-request balancing, retries, request metrics); every other TCP port the L4 proxy; UDP ports the UDP relay.
 * Services annotated {@code gateway.wharf.dev/node-local} (the cluster DNS) are served by the node itself, not proxied.
 */
final class ServiceListeners {
    static final String NODE_LOCAL = "gateway.wharf.dev/node-local";

    private ServiceListeners() {
    }

    record Result(List<Listener> listeners, Set<String> virtualIps) {
    }

    static Result build(Collection<Service> services, GatewaySettings settings) {
        List<Listener> out = new ArrayList<>();
        Set<String> vips = new TreeSet<>();
        for (Service svc : services) {
            var spec = svc.getSpec();
            if (spec == null || spec.getPorts() == null || "ExternalName".equals(spec.getType())
                    || ServiceClusters.annotation(svc, NODE_LOCAL) != null) {
                continue;
            }
            String ns = svc.getMetadata().getNamespace();
            String name = svc.getMetadata().getName();
            String clusterIp = spec.getClusterIP();
            boolean hasVip = settings.serveClusterIps() && clusterIp != null && !clusterIp.isEmpty()
                    && !"None".equals(clusterIp);
            if (hasVip) {
                vips.add(clusterIp);
            }
            boolean nodePorts = "NodePort".equals(spec.getType()) || "LoadBalancer".equals(spec.getType());
            List<String> lbIps = new ArrayList<>();
            if ("LoadBalancer".equals(spec.getType()) && svc.getStatus() != null && svc.getStatus().getLoadBalancer() != null
                    && svc.getStatus().getLoadBalancer().getIngress() != null) {
                for (LoadBalancerIngress ing : svc.getStatus().getLoadBalancer().getIngress()) {
                    if (ing.getIp() != null && !ing.getIp().isEmpty()) {
                        lbIps.add(ing.getIp());
                    }
                }
            }
            for (ServicePort port : spec.getPorts()) {
                String cluster = Cluster.idOf(ns, name, port.getPort());
                if (hasVip) {
                    out.add(listener(clusterIp, port.getPort(), port, cluster));
                }
                if (nodePorts && port.getNodePort() != null && port.getNodePort() > 0) {
                    out.add(listener(settings.nodePortBindIp(), port.getNodePort(), port, cluster));
                }
                for (String ip : lbIps) {
                    out.add(listener(ip, port.getPort(), port, cluster));
                }
            }
        }
        return new Result(out, vips);
    }

    private static Listener listener(String ip, int port, ServicePort sp, String cluster) {
        if ("UDP".equals(sp.getProtocol())) {
            return new Listener.Udp(ip, port, cluster);
        }
        if (isHttp(sp)) {
            HttpRoute route = new HttpRoute(cluster, "", PathType.PREFIX, "/", List.of(new WeightedCluster(cluster, 100)));
            return new Listener.Http(ip, port, List.of(route), List.of());
        }
        return new Listener.Tcp(ip, port, cluster);
    }

    static boolean isHttp(ServicePort sp) {
        String p = sp.getAppProtocol();
        if (p == null) {
            return false;
        }
        p = p.toLowerCase(Locale.ROOT);
        return p.equals("http") || p.equals("kubernetes.io/h2c") || p.equals("h2c");
    }
}
