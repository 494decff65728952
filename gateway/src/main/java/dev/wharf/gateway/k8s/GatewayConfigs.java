package dev.wharf.gateway.k8s;

import dev.wharf.gateway.model.Cluster;
import dev.wharf.gateway.model.GatewayConfig;
import dev.wharf.gateway.model.HttpRoute;
import dev.wharf.gateway.model.Listener;
import dev.wharf.gateway.model.WeightedCluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates what the API holds into what the data path serves: a pure function, so every rule of it is tested
 * without sockets. Routes naming a service (or port) that does not exist get an empty cluster: the gateway
 * answers 503 for them until the service appears, as ingress-nginx does.
 */
public final class GatewayConfigs {
    private GatewayConfigs() {
    }

    /** The data path's config and the cluster IPs that must be local addresses of this host. */
    public record Translation(GatewayConfig config, Set<String> virtualIps) {
    }

    public static Translation translate(ClusterView view, GatewaySettings settings) {
        Map<String, Cluster> clusters = new LinkedHashMap<>(ServiceClusters.build(view.services(), view.slices()));
        ServiceListeners.Result services = ServiceListeners.build(view.services(), settings);
        List<Listener> listeners = new ArrayList<>(services.listeners());
        IngressRoutes.Result ingress = IngressRoutes.build(view.ingresses(), view.services(), view.secrets(), settings);
        for (HttpRoute r : ingress.routes()) {
            for (WeightedCluster wc : r.backends()) {
                clusters.computeIfAbsent(wc.clusterId(), GatewayConfigs::emptyCluster);
            }
        }
        if (settings.ingressPort() > 0) {
            listeners.add(new Listener.Http(settings.ingressBindIp(), settings.ingressPort(), ingress.routes(), List.of()));
        }
        if (settings.ingressTlsPort() > 0 && !ingress.certificates().isEmpty()) {
            listeners.add(new Listener.Http(settings.ingressBindIp(), settings.ingressTlsPort(), ingress.routes(),
                    ingress.certificates()));
        }
        return new Translation(new GatewayConfig(clusters, listeners), services.virtualIps());
    }

    private static Cluster emptyCluster(String id) {
        int slash = id.indexOf('/');
        int colon = id.lastIndexOf(':');
        return new Cluster(id, id.substring(0, slash), id.substring(slash + 1, colon), "", null, false, 0, null, List.of());
    }
}
