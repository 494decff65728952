package dev.wharf.gateway.model;

/**
 * One backend address of a service port (a pod IP and its target port), as the EndpointSlice says it.
 *
 * @param ready       the pod is Ready (or the service publishes not-ready addresses): new requests may go here
 * @param terminating the pod is being deleted: no new requests, in-flight ones finish (graceful drain)
 * @param zone        topology.kubernetes.io/zone of the pod's node, "" when unknown
 * @param targetRef   "namespace/pod" for metrics and logs, "" when not a pod
 */
public record Endpoint(String ip, int port, String zone, String nodeName, String targetRef, boolean ready,
                       boolean terminating) {
    public Endpoint {
        zone = zone == null ? "" : zone;
        nodeName = nodeName == null ? "" : nodeName;
        targetRef = targetRef == null ? "" : targetRef;
    }

    /** "ip:port", the endpoint's identity inside a cluster and its metrics label. */
    public String address() {
        return ip.indexOf(':') >= 0 ? "[" + ip + "]:" + port : ip + ":" + port;
    }
}
