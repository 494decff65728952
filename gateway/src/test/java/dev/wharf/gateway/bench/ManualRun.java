package dev.wharf.gateway.bench;

import dev.wharf.common.Clock;
import dev.wharf.gateway.Gateway;
import dev.wharf.gateway.GatewayOptions;
import dev.wharf.gateway.model.Cluster;
import dev.wharf.gateway.model.Endpoint;
import dev.wharf.gateway.model.GatewayConfig;
import dev.wharf.gateway.model.HttpRoute;
import dev.wharf.gateway.model.LbPolicy;
import dev.wharf.gateway.model.Listener;
import dev.wharf.gateway.model.PathType;
import dev.wharf.gateway.model.WeightedCluster;
import java.util.List;
import java.util.Map;

/**
 * Runs the gateway by hand for a quick wrk comparison (not a test):
 * {@code java -cp ... dev.wharf.gateway.bench.ManualRun <listenPort> <backendPort> [ioThreads]}.
 */
public final class ManualRun {
    private ManualRun() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int backend = Integer.parseInt(args[1]);
        Cluster c = new Cluster("default/be:80", "default", "be", "", LbPolicy.ROUND_ROBIN, false, 0, null,
                List.of(new Endpoint("127.0.0.1", backend, "", "", "", true, false)));
        GatewayOptions d = GatewayOptions.defaults(Clock.system());
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        Gateway g = new Gateway(new GatewayOptions(d.clock(), d.random(), d.clientZones(), d.localZone(),
                d.connectTimeout(), d.requestTimeout(), d.retries(), d.udpIdleTimeout(), d.maxIdlePerEndpoint(),
                threads));
        g.apply(new GatewayConfig(Map.of(c.id(), c), List.of(new Listener.Http("127.0.0.1", port,
                List.of(new HttpRoute("default/be", "", PathType.PREFIX, "/", List.of(new WeightedCluster(c.id(), 1)))),
                List.of()))));
        System.out.println("gateway on " + port + " bindFailures=" + g.bindFailures());
        Thread.sleep(Long.MAX_VALUE);
    }
}
