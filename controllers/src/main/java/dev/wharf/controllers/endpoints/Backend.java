package dev.wharf.controllers.endpoints;

import java.util.List;

/**
 * One pod behind a Service, as both the Endpoints and the EndpointSlice controllers publish it.
 *
 * @param ip          the pod IP
 * @param podName     targetRef name
 * @param podUid      targetRef uid
 * @param namespace   targetRef namespace
 * @param nodeName    where the pod runs (null when unknown)
 * @param zone        the node's topology.kubernetes.io/zone label (null when unknown)
 * @param hostname    spec.hostname when spec.subdomain names the Service, else null
 * @param ready       should receive traffic (Ready and not terminating, or publishNotReadyAddresses)
 * @param serving     the pod's Ready condition, whether or not it is terminating
 * @param terminating the pod has a deletionTimestamp
 * @param ports       the Service ports this pod serves, resolved to its container ports (a pod lacking a named
 *                    targetPort is left out of that port)
 */
public record Backend(String ip, String podName, String podUid, String namespace, String nodeName, String zone,
        String hostname, boolean ready, boolean serving, boolean terminating, List<Port> ports) {

    /** A Service port resolved for one pod. */
    public record Port(String name, int port, String protocol, String appProtocol) {
    }
}
