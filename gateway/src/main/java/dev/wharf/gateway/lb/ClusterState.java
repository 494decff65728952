package dev.wharf.gateway.lb;

import dev.wharf.gateway.metrics.ServiceStats;
import dev.wharf.gateway.model.Cluster;
import dev.wharf.gateway.model.Endpoint;
import dev.wharf.gateway.model.LbPolicy;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One cluster's live endpoints and its picking rules: only available endpoints (ready, not terminating, healthy,
 * not ejected); same-zone first; ClientIP affinity; round robin or least request (power of two choices). Passive
 * outlier ejection: 5 consecutive failures eject for 10 s × ejections (max 5 min), never over half the cluster.
 */
public final class ClusterState {
    static final int EJECT_AFTER = 5;
    static final long EJECT_BASE_NANOS = 10_000_000_000L;
    static final long EJECT_MAX_NANOS = 300_000_000_000L;

    private final LbContext ctx;
    public final String id;
    public final ServiceStats service;
    private volatile Cluster config;
    private volatile EndpointState[] endpoints = new EndpointState[0];
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final Map<InetAddress, Sticky> affinity = new ConcurrentHashMap<>();

    private static final class Sticky {
        final EndpointState endpoint;
        volatile long lastUsedNanos;

        Sticky(EndpointState endpoint, long now) {
            this.endpoint = endpoint;
            this.lastUsedNanos = now;
        }
    }

    public ClusterState(LbContext ctx, Cluster config) {
        this.ctx = ctx;
        this.id = config.id();
        this.service = ctx.metrics().service(config.namespace(), config.service());
        update(config);
    }

    public Cluster config() {
        return config;
    }

    public EndpointState[] endpoints() {
        return endpoints;
    }

    /** Swaps in new endpoints, keeping the state of those whose address stays; retires the others. */
    public synchronized void update(Cluster next) {
        Map<String, EndpointState> old = new HashMap<>();
        for (EndpointState e : endpoints) {
            old.put(e.address, e);
        }
        EndpointState[] fresh = new EndpointState[next.endpoints().size()];
        int i = 0;
        for (Endpoint ep : next.endpoints()) {
            EndpointState s = old.remove(ep.address());
            if (s == null) {
                s = new EndpointState(ep, service,
                        ctx.metrics().endpoint(next.namespace(), next.service(), ep.address()));
            }
            s.endpoint = ep;
            if (ep.terminating() || !ep.ready()) {
                s.closeIdle();
            }
            fresh[i++] = s;
        }
        if (next.healthCheck() == null) {
            for (EndpointState s : fresh) {
                s.healthy = true;
            }
        }
        this.config = next;
        this.endpoints = fresh;
        for (EndpointState gone : old.values()) {
            gone.removed = true;
            gone.closeIdle();
        }
        affinity.values().removeIf(st -> st.endpoint.removed);
    }

    /** Called when the cluster leaves the config. */
    public synchronized void retire() {
        for (EndpointState e : endpoints) {
            e.removed = true;
            e.closeIdle();
        }
        affinity.clear();
    }

    /** An endpoint for a new request or connection from {@code client}, avoiding {@code tried}; null if none. */
    public EndpointState pick(InetAddress client, List<EndpointState> tried) {
        EndpointState[] eps = endpoints;
        long now = ctx.clock().nanoTime();
        Cluster c = config;
        Sticky sticky = null;
        if (c.clientIpAffinity() && client != null) {
            sticky = affinity.get(client);
            if (sticky != null && now - sticky.lastUsedNanos < c.affinityTimeoutSeconds() * 1_000_000_000L
                    && sticky.endpoint.available(now) && !tried.contains(sticky.endpoint)) {
                sticky.lastUsedNanos = now;
                return sticky.endpoint;
            }
        }
        String zone = ctx.zoneOf(client);
        if (zone.isEmpty() && tried.isEmpty() && !c.clientIpAffinity() && c.policy() == LbPolicy.ROUND_ROBIN
                && allAvailable(eps, now)) {
            // the common case needs no candidate array
            return eps.length == 0 ? null : eps[Math.floorMod(roundRobin.getAndIncrement(), eps.length)];
        }
        EndpointState[] candidates = new EndpointState[eps.length];
        int n = 0;
        if (!zone.isEmpty()) {
            n = collect(eps, candidates, now, tried, zone);
        }
        if (n == 0) {
            n = collect(eps, candidates, now, tried, null);
        }
        if (n == 0 && !tried.isEmpty()) {
            n = collect(eps, candidates, now, List.of(), null);
        }
        if (n == 0) {
            return null;
        }
        EndpointState chosen;
        if (n == 1) {
            chosen = candidates[0];
        } else if (c.policy() == LbPolicy.LEAST_REQUEST) {
            int a = ctx.nextInt(n);
            int b = ctx.nextInt(n - 1);
            if (b >= a) {
                b++;
            }
            chosen = candidates[a].inFlight.get() <= candidates[b].inFlight.get() ? candidates[a] : candidates[b];
        } else {
            chosen = candidates[Math.floorMod(roundRobin.getAndIncrement(), n)];
        }
        if (c.clientIpAffinity() && client != null) {
            if (affinity.size() > 65_536) {
                long ttl = c.affinityTimeoutSeconds() * 1_000_000_000L;
                affinity.values().removeIf(st -> now - st.lastUsedNanos >= ttl);
            }
            affinity.put(client, new Sticky(chosen, now));
        }
        return chosen;
    }

    private static boolean allAvailable(EndpointState[] eps, long now) {
        for (EndpointState e : eps) {
            if (!e.available(now)) {
                return false;
            }
        }
        return true;
    }

    private static int collect(EndpointState[] eps, EndpointState[] out, long now, List<EndpointState> tried,
                               String zone) {
        int n = 0;
        for (EndpointState e : eps) {
            if (e.available(now) && (zone == null || zone.equals(e.endpoint.zone())) && !tried.contains(e)) {
                out[n++] = e;
            }
        }
        return n;
    }

    /** A response below 500 (or a successful connect for L4). */
    public void reportSuccess(EndpointState e) {
        if (e.consecutiveFailures.get() != 0) {
            e.consecutiveFailures.set(0);
        }
    }

    /** A 5xx response, connect error or lost connection. */
    public void reportFailure(EndpointState e) {
        if (e.consecutiveFailures.incrementAndGet() >= EJECT_AFTER) {
            eject(e);
        }
    }

    private synchronized void eject(EndpointState e) {
        long now = ctx.clock().nanoTime();
        if (e.ejected(now)) {
            return;
        }
        EndpointState[] eps = endpoints;
        int ejected = 0;
        for (EndpointState o : eps) {
            if (o.ejected(now)) {
                ejected++;
            }
        }
        if ((ejected + 1) * 2 > eps.length) {
            return;
        }
        e.ejectionCount++;
        e.ejectedUntilNanos = now + Math.min(EJECT_BASE_NANOS * e.ejectionCount, EJECT_MAX_NANOS);
        e.consecutiveFailures.set(0);
        e.stats.ejections.increment();
        service.ejections.increment();
    }

    /** Active health result for one endpoint (called from the health checker, on one thread per cluster). */
    public void healthResult(EndpointState e, boolean passed) {
        var hc = config.healthCheck();
        if (hc == null) {
            return;
        }
        if (passed) {
            e.healthFails = 0;
            if (!e.healthy && ++e.healthPasses >= Math.max(1, hc.healthyThreshold())) {
                e.healthy = true;
            }
        } else {
            e.healthPasses = 0;
            if (e.healthy && ++e.healthFails >= Math.max(1, hc.unhealthyThreshold())) {
                e.healthy = false;
                e.closeIdle();
            }
        }
    }
}
