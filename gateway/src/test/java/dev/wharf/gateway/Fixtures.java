package dev.wharf.gateway;

import dev.wharf.gateway.model.Cluster;
import dev.wharf.gateway.model.Endpoint;
import dev.wharf.gateway.model.GatewayConfig;
import dev.wharf.gateway.model.HealthCheck;
import dev.wharf.gateway.model.HttpRoute;
import dev.wharf.gateway.model.LbPolicy;
import dev.wharf.gateway.model.Listener;
import dev.wharf.gateway.model.PathType;
import dev.wharf.gateway.model.WeightedCluster;
import dev.wharf.testkit.net.FreePorts;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Builders of configs for tests. */
final class Fixtures {
    private Fixtures() {
    }

    static Endpoint ep(int port) {
        return new Endpoint("127.0.0.1", port, "", "node", "default/pod-" + port, true, false);
    }

    static Endpoint ep(int port, String zone) {
        return new Endpoint("127.0.0.1", port, zone, "node", "default/pod-" + port, true, false);
    }

    static Endpoint ep(Backend b) {
        return ep(b.port());
    }

    static Cluster cluster(String service, Endpoint... eps) {
        return cluster(service, LbPolicy.ROUND_ROBIN, null, eps);
    }

    static Cluster cluster(String service, LbPolicy policy, HealthCheck hc, Endpoint... eps) {
        return new Cluster(Cluster.idOf("default", service, 80), "default", service, "", policy, false, 10800, hc,
                Arrays.asList(eps));
    }

    static HttpRoute route(String name, String host, PathType type, String path, String... clusterIds) {
        return new HttpRoute(name, host, type, path,
                Arrays.stream(clusterIds).map(id -> new WeightedCluster(id, 1)).toList());
    }

    static HttpRoute defaultRoute(Cluster c) {
        return route("default/" + c.service() + ":80", "", PathType.PREFIX, "/", c.id());
    }

    static GatewayConfig http(int port, List<HttpRoute> routes, Cluster... clusters) {
        return new GatewayConfig(map(clusters), List.of(new Listener.Http("127.0.0.1", port, routes, List.of())));
    }

    static Map<String, Cluster> map(Cluster... clusters) {
        return Arrays.stream(clusters).collect(java.util.stream.Collectors.toMap(Cluster::id, c -> c));
    }

    /** A port for a gateway listener the test binds later (see {@link FreePorts} for why not port 0). */
    static int freePort() {
        return FreePorts.next();
    }
}
