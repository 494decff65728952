package dev.wharf.spi.metrics;

/**
 * The traffic one Service received through the gateway over the recent window (the last 10 s by default), as the
 * autoscaler reads it. Latencies are of whole requests (L7) in milliseconds; L4-only services have requests = 0
 * and report connections.
 *
 * @param requestsPerSecond  completed requests per second over the window
 * @param activeRequests     requests in flight now (L7)
 * @param activeConnections  downstream connections open now (L4 and L7)
 * @param responses2xx..5xx  completed requests by status class over the window
 */
public record ServiceTraffic(String namespace, String service, double requestsPerSecond, double p50Millis,
                             double p95Millis, double p99Millis, long activeRequests, long activeConnections,
                             long responses2xx, long responses3xx, long responses4xx, long responses5xx,
                             long bytesIn, long bytesOut) {
}
