package dev.wharf.gateway.model;

import java.util.List;
import java.util.Map;

/**
 * Everything the data path serves, as one immutable snapshot. The translator builds a new one from Services,
 * EndpointSlices, Ingresses and Secrets on every change; the data path applies it (new listeners bound, removed
 * ones closed after draining, clusters' endpoints swapped without cutting in-flight requests).
 */
public record GatewayConfig(Map<String, Cluster> clusters, List<Listener> listeners) {
    public static final GatewayConfig EMPTY = new GatewayConfig(Map.of(), List.of());

    public GatewayConfig {
        clusters = Map.copyOf(clusters);
        listeners = List.copyOf(listeners);
    }
}
