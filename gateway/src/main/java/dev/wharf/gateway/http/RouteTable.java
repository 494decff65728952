package dev.wharf.gateway.http;

import dev.wharf.gateway.metrics.TrafficStats;
import dev.wharf.gateway.model.HttpRoute;
import dev.wharf.gateway.model.PathType;
import dev.wharf.gateway.model.WeightedCluster;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A listener's routes, precomputed once per config: hash lookups by exact host and by wildcard suffix, then Exact
 * paths by hash and prefixes longest first. Precedence: exact host, then wildcard host, then any host; within a host
 * an Exact path, then the longest Prefix / ImplementationSpecific. A host whose rules match no path falls through to
 * the less specific hosts.
 */
public final class RouteTable {
    public static final RouteTable EMPTY = new RouteTable(List.of());

    /** A compiled route: its backends as arrays for a cheap weighted pick, and its counters (no lookup per request). */
    public record Route(String name, PathType type, String path, String[] clusterIds, int[] cumulativeWeights,
                        TrafficStats stats) {
        public int totalWeight() {
            return cumulativeWeights.length == 0 ? 0 : cumulativeWeights[cumulativeWeights.length - 1];
        }

        boolean matches(String p) {
            return switch (type) {
                case EXACT -> p.equals(path);
                case IMPLEMENTATION_SPECIFIC -> p.startsWith(path);
                case PREFIX -> p.startsWith(path) && (path.endsWith("/") || p.length() == path.length()
                        || p.charAt(path.length()) == '/');
            };
        }
    }

    private static final class HostRoutes {
        final Map<String, Route> exact = new HashMap<>();
        final List<Route> prefixList = new ArrayList<>();
        Route[] prefixes;

        void add(Route r) {
            if (r.type() == PathType.EXACT) {
                exact.putIfAbsent(r.path(), r);
            } else {
                prefixList.add(r);
            }
        }

        void seal() {
            prefixList.sort(Comparator.comparingInt((Route r) -> r.path().length()).reversed()
                    .thenComparing(r -> r.type() == PathType.PREFIX ? 0 : 1));
            prefixes = prefixList.toArray(Route[]::new);
        }

        Route match(String path) {
            Route r = exact.get(path);
            if (r != null) {
                return r;
            }
            for (Route p : prefixes) {
                if (p.matches(path)) {
                    return p;
                }
            }
            return null;
        }
    }

    private final Map<String, HostRoutes> exactHosts = new HashMap<>();
    private final Map<String, HostRoutes> wildcardHosts = new HashMap<>();
    private final HostRoutes anyHost = new HostRoutes();

    /** Routes counting into counters of their own (tests). */
    public RouteTable(List<HttpRoute> routes) {
        this(routes, name -> new TrafficStats());
    }

    /** @param statsByName the counters of a route name (the gateway's metrics, shared by its listeners) */
    public RouteTable(List<HttpRoute> routes, Function<String, TrafficStats> statsByName) {
        for (HttpRoute r : routes) {
            String[] ids = new String[r.backends().size()];
            int[] cum = new int[ids.length];
            int sum = 0;
            for (int i = 0; i < ids.length; i++) {
                WeightedCluster w = r.backends().get(i);
                ids[i] = w.clusterId();
                sum += Math.max(0, w.weight());
                cum[i] = sum;
            }
            Route route = new Route(r.name(), r.pathType() == null ? PathType.PREFIX : r.pathType(), r.path(), ids,
                    cum, statsByName.apply(r.name()));
            String host = r.host();
            HostRoutes target;
            if (host.isEmpty() || host.equals("*")) {
                target = anyHost;
            } else if (host.startsWith("*.")) {
                target = wildcardHosts.computeIfAbsent(host.substring(1), k -> new HostRoutes());
            } else {
                target = exactHosts.computeIfAbsent(host, k -> new HostRoutes());
            }
            target.add(route);
        }
        exactHosts.values().forEach(HostRoutes::seal);
        wildcardHosts.values().forEach(HostRoutes::seal);
        anyHost.seal();
    }

    /** The route for a request, or null. {@code hostHeader} may carry a port; {@code uri} a query. */
    public Route match(String hostHeader, String uri) {
        String path = pathOf(uri);
        String host = hostOf(hostHeader);
        if (!host.isEmpty()) {
            HostRoutes h = exactHosts.get(host);
            if (h != null) {
                Route r = h.match(path);
                if (r != null) {
                    return r;
                }
            }
            int dot = host.indexOf('.');
            if (dot > 0 && !wildcardHosts.isEmpty()) {
                h = wildcardHosts.get(host.substring(dot));
                if (h != null) {
                    Route r = h.match(path);
                    if (r != null) {
                        return r;
                    }
                }
            }
        }
        return anyHost.match(path);
    }

    static String pathOf(String uri) {
        int start = 0;
        if (!uri.startsWith("/")) {
            int scheme = uri.indexOf("://");
            if (scheme > 0) {
                int slash = uri.indexOf('/', scheme + 3);
                if (slash < 0) {
                    return "/";
                }
                start = slash;
            }
        }
        int end = uri.length();
        for (int i = start; i < end; i++) {
            char c = uri.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        return start == 0 && end == uri.length() ? uri : uri.substring(start, end);
    }

    static String hostOf(String header) {
        if (header == null || header.isEmpty()) {
            return "";
        }
        int end = header.length();
        if (header.charAt(0) == '[') {
            int close = header.indexOf(']');
            end = close < 0 ? end : close + 1;
        } else {
            int colon = header.lastIndexOf(':');
            if (colon >= 0) {
                end = colon;
            }
        }
        String h = end == header.length() ? header : header.substring(0, end);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.toLowerCase(Locale.ROOT);
    }
}
