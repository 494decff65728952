package dev.wharf.gateway.net;

import dev.wharf.gateway.GatewayOptions;
import dev.wharf.gateway.lb.ClusterState;
import dev.wharf.gateway.lb.LbContext;
import dev.wharf.gateway.metrics.GatewayMetrics;
import java.util.Map;

/** What every proxy handler shares: options, metrics, the transport and the current clusters. */
public final class ProxyContext {
    public final GatewayOptions options;
    public final GatewayMetrics metrics;
    public final Transport transport;
    public final LbContext lb;
    public final int connectTimeoutMillis;
    public final long requestTimeoutNanos;
    private final io.netty.bootstrap.Bootstrap upstreamBootstrap;
    private volatile Map<String, ClusterState> clusters = Map.of();

    public ProxyContext(GatewayOptions options, GatewayMetrics metrics, Transport transport, LbContext lb) {
        this.options = options;
        this.metrics = metrics;
        this.transport = transport;
        this.lb = lb;
        this.connectTimeoutMillis = (int) Math.max(1, options.connectTimeout().toMillis());
        this.requestTimeoutNanos = options.requestTimeout().toNanos();
        this.upstreamBootstrap = transport.clientBootstrap(connectTimeoutMillis);
    }

    /** The upstream client template: {@code clone(loop)} it and set a handler. */
    public io.netty.bootstrap.Bootstrap upstreamBootstrap() {
        return upstreamBootstrap;
    }

    public ClusterState cluster(String id) {
        return clusters.get(id);
    }

    public Map<String, ClusterState> clusters() {
        return clusters;
    }

    public void clusters(Map<String, ClusterState> next) {
        this.clusters = Map.copyOf(next);
    }
}
