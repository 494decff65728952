package dev.wharf.bench.gateway;

import dev.wharf.common.Clock;
import dev.wharf.gateway.Gateway;
import dev.wharf.gateway.GatewayOptions;
import dev.wharf.gateway.model.Cluster;
import dev.wharf.gateway.model.Endpoint;
import dev.wharf.gateway.model.GatewayConfig;
import dev.wharf.gateway.model.HttpRoute;
import dev.wharf.gateway.model.Listener;
import dev.wharf.gateway.model.PathType;
import dev.wharf.gateway.model.WeightedCluster;
import java.util.List;
import java.util.Map;

/**
 * The gateway alone, for load runs: an L7 listener and an L4 listener on 127.0.0.1 in front of one backend, as the
 * translator would configure them for a Service with one endpoint. Used by bench/scripts/gateway-vs-nginx.sh.
 * Usage: GatewayProxyRun HTTP_PORT TCP_PORT BACKEND_HOST:PORT
 */
public final class GatewayProxyRun {
    private GatewayProxyRun() {
    }

    public static void main(String[] args) throws Exception {
        int httpPort = Integer.parseInt(args[0]);
        int tcpPort = Integer.parseInt(args[1]);
        String[] backend = args[2].split(":");
        String id = Cluster.idOf("bench", "backend", 80);
        Cluster cluster = new Cluster(id, "bench", "backend", "http", null, false, 0, null,
                List.of(new Endpoint(backend[0], Integer.parseInt(backend[1]), "", "", "bench/backend-0", true, false)));
        Gateway gateway = new Gateway(GatewayOptions.defaults(Clock.system()));
        gateway.apply(new GatewayConfig(Map.of(id, cluster), List.of(
                new Listener.Http("127.0.0.1", httpPort, List.of(new HttpRoute("bench/backend", "", PathType.PREFIX, "/",
                        List.of(new WeightedCluster(id, 100)))), List.of()),
                new Listener.Tcp("127.0.0.1", tcpPort, id))));
        if (!gateway.bindFailures().isEmpty()) {
            throw new IllegalStateException("cannot bind: " + gateway.bindFailures());
        }
        System.out.println("gateway ready on " + httpPort + " (L7) and " + tcpPort + " (L4)");
        Thread.currentThread().join();
    }
}
