package dev.wharf.gateway.model;

import java.util.List;

/**
 * A set of endpoints that traffic is balanced over: one port of one Service (Envoy's "cluster").
 *
 * @param id          unique key, by convention "namespace/service:port" where port is the service port number
 * @param namespace   the service's namespace (metrics label)
 * @param service     the service's name (metrics label)
 * @param portName    the service port's name, "" when unnamed
 * @param policy      how a request or connection picks an endpoint
 * @param clientIpAffinity sessionAffinity ClientIP: the same client address keeps its endpoint while it is healthy
 * @param affinityTimeoutSeconds how long an idle ClientIP affinity lasts (Kubernetes default 10800)
 * @param healthCheck active health checking, null for none (passive outlier ejection always applies)
 */
public record Cluster(String id, String namespace, String service, String portName, LbPolicy policy,
                      boolean clientIpAffinity, int affinityTimeoutSeconds, HealthCheck healthCheck,
                      List<Endpoint> endpoints) {
    public Cluster {
        portName = portName == null ? "" : portName;
        policy = policy == null ? LbPolicy.ROUND_ROBIN : policy;
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }

    public static String idOf(String namespace, String service, int port) {
        return namespace + "/" + service + ":" + port;
    }
}
