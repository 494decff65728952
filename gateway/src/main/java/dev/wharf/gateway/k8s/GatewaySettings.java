package dev.wharf.gateway.k8s;

/**
 * Where this host's gateway serves what.
 *
 * @param ingressBindIp  address of the Ingress listeners (127.0.0.1 in {@code wharf dev})
 * @param ingressPort    plain HTTP Ingress port (8080 in {@code wharf dev}); 0 for none
 * @param ingressTlsPort HTTPS Ingress port (8443 in {@code wharf dev}), bound once an Ingress has a TLS secret; 0 for none
 * @param nodePortBindIp address NodePort services listen on (the node's address)
 * @param serveClusterIps bind every Service's cluster IP (needs the virtual IPs on an interface Wharf owns, root)
 * @param ingressClass   the IngressClass this gateway implements ("wharf")
 * @param defaultClass   whether Ingresses without a class are ours (the class is annotated default)
 */
public record GatewaySettings(String ingressBindIp, int ingressPort, int ingressTlsPort, String nodePortBindIp,
                              boolean serveClusterIps, String ingressClass, boolean defaultClass) {
    public static final String CLASS = "wharf";

    public static GatewaySettings dev(int ingressPort, int ingressTlsPort, boolean serveClusterIps) {
        return new GatewaySettings("127.0.0.1", ingressPort, ingressTlsPort, "127.0.0.1", serveClusterIps, CLASS, true);
    }
}
