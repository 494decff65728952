package dev.wharf.gateway.metrics;

import dev.wharf.common.Clock;
import dev.wharf.spi.metrics.ServiceTraffic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** All of the gateway's counters, by service, route and endpoint, and their Prometheus text. */
public final class GatewayMetrics {
    private final Clock clock;
    private final Map<String, ServiceStats> services = new ConcurrentHashMap<>();
    private final Map<String, TrafficStats> routes = new ConcurrentHashMap<>();
    private final Map<String, EndpointStats> endpoints = new ConcurrentHashMap<>();

    /** An endpoint's counters with its labels. */
    public static final class EndpointStats extends TrafficStats {
        final String namespace;
        final String service;
        final String endpoint;

        EndpointStats(String namespace, String service, String endpoint) {
            this.namespace = namespace;
            this.service = service;
            this.endpoint = endpoint;
        }
    }

    public GatewayMetrics(Clock clock) {
        this.clock = clock;
    }

    public ServiceStats service(String namespace, String service) {
        return services.computeIfAbsent(namespace + "/" + service, k -> new ServiceStats(namespace, service, clock));
    }

    public TrafficStats route(String name) {
        return routes.computeIfAbsent(name, k -> new TrafficStats());
    }

    public EndpointStats endpoint(String namespace, String service, String address) {
        return endpoints.computeIfAbsent(namespace + "/" + service + "/" + address,
                k -> new EndpointStats(namespace, service, address));
    }

    public Optional<ServiceTraffic> traffic(String namespace, String service) {
        ServiceStats s = services.get(namespace + "/" + service);
        return s == null ? Optional.empty() : Optional.of(s.traffic());
    }

    public List<ServiceTraffic> traffic() {
        List<ServiceTraffic> all = new ArrayList<>();
        for (ServiceStats s : services.values()) {
            all.add(s.traffic());
        }
        all.sort(Comparator.comparing(ServiceTraffic::namespace).thenComparing(ServiceTraffic::service));
        return all;
    }

    public void writePrometheus(StringBuilder out) {
        var svc = new PrometheusFamilies<>(out, new java.util.TreeMap<>(services),
                s -> "namespace=\"" + esc(s.namespace) + "\",service=\"" + esc(s.service) + "\"");
        svc.classes("wharf_gateway_requests_total", "Completed L7 requests per service by status class.");
        svc.histogram("wharf_gateway_request_duration_seconds", "L7 request latency per service.");
        svc.gauge("wharf_gateway_active_requests", "L7 requests in flight per service.", s -> s.activeRequests.sum());
        svc.gauge("wharf_gateway_active_connections", "Downstream connections open per service.",
                s -> s.activeConnections.sum());
        svc.counter("wharf_gateway_received_bytes_total", "Bytes received from clients per service.",
                s -> s.bytesIn.sum());
        svc.counter("wharf_gateway_sent_bytes_total", "Bytes sent to clients per service.", s -> s.bytesOut.sum());
        svc.counter("wharf_gateway_upstream_connect_errors_total", "Failed upstream connects per service.",
                s -> s.connectErrors.sum());
        svc.counter("wharf_gateway_retries_total", "Requests or connections retried on another endpoint.",
                s -> s.retries.sum());
        svc.counter("wharf_gateway_ejections_total", "Outlier ejections of the service's endpoints.",
                s -> s.ejections.sum());

        var rt = new PrometheusFamilies<>(out, new java.util.TreeMap<>(routes), null);
        rt.labelsByKey(k -> "route=\"" + esc(k) + "\"");
        rt.classes("wharf_gateway_route_requests_total", "Completed requests per HTTP route by status class.");
        rt.histogram("wharf_gateway_route_request_duration_seconds", "Request latency per HTTP route.");

        var ep = new PrometheusFamilies<>(out, new java.util.TreeMap<>(endpoints),
                e -> "namespace=\"" + esc(e.namespace) + "\",service=\"" + esc(e.service) + "\",endpoint=\""
                        + esc(e.endpoint) + "\"");
        ep.classes("wharf_gateway_endpoint_requests_total", "Completed requests per endpoint by status class.");
        ep.histogram("wharf_gateway_endpoint_request_duration_seconds", "Request latency per endpoint.");
        ep.gauge("wharf_gateway_endpoint_active_requests", "Requests in flight per endpoint.",
                e -> e.activeRequests.sum());
        ep.gauge("wharf_gateway_endpoint_active_connections", "Upstream connections open per endpoint.",
                e -> e.activeConnections.sum());
        ep.counter("wharf_gateway_endpoint_connect_errors_total", "Failed connects per endpoint.",
                e -> e.connectErrors.sum());
        ep.counter("wharf_gateway_endpoint_ejections_total", "Outlier ejections per endpoint.",
                e -> e.ejections.sum());
    }

    static String esc(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Writes families over one scope's stats. */
    private static final class PrometheusFamilies<T extends TrafficStats> {
        private static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};
        private static final String[] LE = {"0.001", "0.002", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25",
                "0.5", "1", "2.5", "5", "+Inf"};
        private final StringBuilder out;
        private final Map<String, T> stats;
        private Function<Map.Entry<String, T>, String> labels;

        PrometheusFamilies(StringBuilder out, Map<String, T> stats, Function<T, String> labels) {
            this.out = out;
            this.stats = stats;
            this.labels = labels == null ? null : e -> labels.apply(e.getValue());
        }

        void labelsByKey(Function<String, String> byKey) {
            this.labels = e -> byKey.apply(e.getKey());
        }

        private void head(String name, String help, String type) {
            out.append("# HELP ").append(name).append(' ').append(help).append('\n');
            out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        }

        void classes(String name, String help) {
            head(name, help, "counter");
            for (var e : stats.entrySet()) {
                String l = labels.apply(e);
                for (int c = 0; c < 5; c++) {
                    out.append(name).append('{').append(l).append(",code=\"").append(CLASSES[c]).append("\"} ")
                            .append(e.getValue().byClass[c].sum()).append('\n');
                }
            }
        }

        void histogram(String name, String help) {
            head(name, help, "histogram");
            for (var e : stats.entrySet()) {
                String l = labels.apply(e);
                long[] counts = e.getValue().latency.counts();
                long cumulative = 0;
                for (int i = 0; i < counts.length; i++) {
                    cumulative += counts[i];
                    out.append(name).append("_bucket{").append(l).append(",le=\"").append(LE[i]).append("\"} ")
                            .append(cumulative).append('\n');
                }
                out.append(name).append("_sum{").append(l).append("} ")
                        .append(e.getValue().latency.sumMicros() / 1e6).append('\n');
                out.append(name).append("_count{").append(l).append("} ").append(cumulative).append('\n');
            }
        }

        void gauge(String name, String help, ToLongFunction<T> value) {
            single(name, help, "gauge", value);
        }

        void counter(String name, String help, ToLongFunction<T> value) {
            single(name, help, "counter", value);
        }

        private void single(String name, String help, String type, ToLongFunction<T> value) {
            head(name, help, type);
            for (var e : stats.entrySet()) {
                out.append(name).append('{').append(labels.apply(e)).append("} ")
                        .append(value.applyAsLong(e.getValue())).append('\n');
            }
        }
    }
}
