package dev.wharf.gateway;

import dev.wharf.gateway.http.HttpListener;
import dev.wharf.gateway.l4.TcpListener;
import dev.wharf.gateway.l4.UdpListener;
import dev.wharf.gateway.lb.ClusterState;
import dev.wharf.gateway.lb.HealthChecker;
import dev.wharf.gateway.lb.LbContext;
import dev.wharf.gateway.metrics.GatewayMetrics;
import dev.wharf.gateway.model.Cluster;
import dev.wharf.gateway.model.GatewayConfig;
import dev.wharf.gateway.model.Listener;
import dev.wharf.gateway.net.BoundListener;
import dev.wharf.gateway.net.ProxyContext;
import dev.wharf.gateway.net.Transport;
import dev.wharf.spi.metrics.MetricsSource;
import dev.wharf.spi.metrics.ServiceTraffic;
import dev.wharf.spi.metrics.TrafficSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The node gateway's data path: L7 HTTP(S) and L4 TCP/UDP listeners over load-balanced clusters. {@link #apply}
 * takes a whole {@link GatewayConfig} snapshot and converges to it: listeners bound or closed, routes and endpoints
 * swapped in place without cutting in-flight traffic.
 */
public final class Gateway implements AutoCloseable, TrafficSource, MetricsSource {
    private final GatewayOptions options;
    private final Transport transport;
    private final GatewayMetrics metrics;
    private final ProxyContext px;
    private final Map<String, ClusterState> clusters = new HashMap<>();
    private final Map<String, HealthChecker> checkers = new HashMap<>();
    private final Map<String, BoundListener> listeners = new HashMap<>();
    private final Map<String, Listener> listenerConfigs = new HashMap<>();
    private volatile List<BindFailure> failures = List.of();
    private boolean closed;

    public Gateway(GatewayOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.transport = new Transport(options.ioThreads());
        this.metrics = new GatewayMetrics(options.clock());
        LbContext lb = new LbContext(options.clock(), options.random(), options.clientZones(), options.localZone(),
                metrics);
        this.px = new ProxyContext(options, metrics, transport, lb);
    }

    /** Converges to {@code config}. Idempotent and thread-safe; listeners that cannot bind go to bindFailures. */
    public synchronized void apply(GatewayConfig config) {
        if (closed) {
            throw new IllegalStateException("gateway closed");
        }
        applyClusters(config.clusters());
        applyListeners(config.listeners());
    }

    private void applyClusters(Map<String, Cluster> next) {
        for (Cluster c : next.values()) {
            ClusterState s = clusters.get(c.id());
            if (s == null) {
                clusters.put(c.id(), new ClusterState(px.lb, c));
            } else if (!s.config().equals(c)) {
                s.update(c);
            }
        }
        for (var it = clusters.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!next.containsKey(e.getKey())) {
                e.getValue().retire();
                it.remove();
            }
        }
        px.clusters(clusters);
        for (ClusterState s : clusters.values()) {
            var hc = s.config().healthCheck();
            HealthChecker checker = checkers.get(s.id);
            if (checker != null && (hc == null || !hc.equals(checker.check()))) {
                checker.close();
                checkers.remove(s.id);
                checker = null;
            }
            if (checker == null && hc != null) {
                checkers.put(s.id, new HealthChecker(px, s, hc));
            }
        }
        checkers.keySet().removeIf(id -> {
            if (!clusters.containsKey(id)) {
                checkers.get(id).close();
                return true;
            }
            return false;
        });
    }

    private void applyListeners(List<Listener> next) {
        List<BindFailure> failed = new ArrayList<>();
        Set<String> wanted = new HashSet<>();
        for (Listener l : next) {
            wanted.add(BoundListener.key(l));
        }
        // close removed listeners first, so that a port changing protocol can be bound again right away
        for (var it = listeners.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!wanted.contains(e.getKey())) {
                e.getValue().close();
                listenerConfigs.remove(e.getKey());
                it.remove();
            }
        }
        Set<String> seen = new HashSet<>();
        for (Listener l : next) {
            String key = BoundListener.key(l);
            if (!seen.add(key)) {
                failed.add(new BindFailure(l, "duplicate listener " + key));
                continue;
            }
            BoundListener bound = listeners.get(key);
            try {
                if (bound == null) {
                    listeners.put(key, bind(l));
                } else if (!l.equals(listenerConfigs.get(key))) {
                    bound.update(l);
                }
                listenerConfigs.put(key, l);
            } catch (Exception e) {
                failed.add(new BindFailure(l, reason(e)));
            }
        }
        failures = List.copyOf(failed);
    }

    private BoundListener bind(Listener l) throws Exception {
        return switch (l) {
            case Listener.Http h -> HttpListener.bind(px, h);
            case Listener.Tcp t -> TcpListener.bind(px, t);
            case Listener.Udp u -> UdpListener.bind(px, u);
        };
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    public List<BindFailure> bindFailures() {
        return failures;
    }

    public GatewayOptions options() {
        return options;
    }

    @Override
    public Optional<ServiceTraffic> service(String namespace, String name) {
        return metrics.traffic(namespace, name);
    }

    @Override
    public List<ServiceTraffic> services() {
        return metrics.traffic();
    }

    @Override
    public void writePrometheus(StringBuilder out) {
        metrics.writePrometheus(out);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            listeners.values().forEach(BoundListener::close);
            listeners.clear();
            checkers.values().forEach(HealthChecker::close);
            checkers.clear();
            clusters.values().forEach(ClusterState::retire);
        }
        transport.close();
    }
}
