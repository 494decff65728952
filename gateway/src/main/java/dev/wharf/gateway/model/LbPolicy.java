package dev.wharf.gateway.model;

/** How an endpoint is chosen. The annotation {@code gateway.wharf.dev/lb-policy} on a Service selects it. */
public enum LbPolicy {
    /** Each ready endpoint in turn. */
    ROUND_ROBIN,
    /** Power of two choices: of two random ready endpoints, the one with fewer requests in flight. */
    LEAST_REQUEST
}
