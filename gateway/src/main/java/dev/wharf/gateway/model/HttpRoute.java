package dev.wharf.gateway.model;

import java.util.List;

/**
 * An L7 rule: requests whose Host matches {@code host} and whose path matches {@code path} go to {@code backends}
 * (weighted). Precedence follows the Ingress spec: exact host before wildcard host before any host; then Exact paths
 * before the longest Prefix; a route with empty {@code host} matches every host.
 *
 * @param host     "" (any host), "shop.example.com", or a wildcard "*.example.com" (one label)
 * @param name     where the rule comes from, for metrics and logs: "namespace/ingress" or "namespace/service:port"
 */
public record HttpRoute(String name, String host, PathType pathType, String path, List<WeightedCluster> backends) {
    public HttpRoute {
        host = host == null ? "" : host.toLowerCase(java.util.Locale.ROOT);
        path = path == null || path.isEmpty() ? "/" : path;
        backends = List.copyOf(backends);
    }
}
