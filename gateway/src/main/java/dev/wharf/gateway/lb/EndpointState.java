package dev.wharf.gateway.lb;

import dev.wharf.gateway.metrics.GatewayMetrics.EndpointStats;
import dev.wharf.gateway.metrics.ServiceStats;
import dev.wharf.gateway.model.Endpoint;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live state of one endpoint of a cluster: its latest {@link Endpoint} record, requests in flight, passive
 * outlier and active health state, idle connections. It survives config changes that keep its address, so in-flight
 * counts and ejections are not lost when endpoints are re-applied.
 */
public final class EndpointState {
    public final String address;
    public final InetSocketAddress socketAddress;
    public final ServiceStats service;
    public final EndpointStats stats;
    public final IdlePool idle = new IdlePool();
    /** Idle connections of the byte-level fast path (no HTTP codec in their pipeline). */
    public final IdlePool rawIdle = new IdlePool();
    public final AtomicInteger inFlight = new AtomicInteger();
    volatile Endpoint endpoint;
    volatile boolean removed;
    final AtomicInteger consecutiveFailures = new AtomicInteger();
    int ejectionCount;
    volatile long ejectedUntilNanos = Long.MIN_VALUE;
    volatile boolean healthy = true;
    int healthFails;
    int healthPasses;

    EndpointState(Endpoint endpoint, ServiceStats service, EndpointStats stats) {
        this.endpoint = endpoint;
        this.address = endpoint.address();
        this.socketAddress = new InetSocketAddress(endpoint.ip(), endpoint.port());
        this.service = service;
        this.stats = stats;
    }

    /** Closes the idle connections of both pools. */
    public void closeIdle() {
        idle.closeAll();
        rawIdle.closeAll();
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** Removed from its cluster or terminating: finish what is in flight, take nothing new, keep no idle conns. */
    public boolean retired() {
        Endpoint e = endpoint;
        return removed || e.terminating();
    }

    public boolean healthy() {
        return healthy;
    }

    boolean ejected(long nowNanos) {
        return ejectedUntilNanos - nowNanos > 0 && ejectedUntilNanos != Long.MIN_VALUE;
    }

    boolean available(long nowNanos) {
        Endpoint e = endpoint;
        return !removed && e.ready() && !e.terminating() && healthy && !ejected(nowNanos);
    }

    @Override
    public String toString() {
        return address;
    }
}
