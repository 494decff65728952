package dev.wharf.gateway.model;

import java.util.List;

/**
 * A certificate from a kubernetes.io/tls Secret, served by SNI for {@code hosts} (from the Ingress tls entry; may
 * hold wildcards). The first certificate of a listener is also the default for clients that send no SNI.
 */
public record TlsCertificate(String name, List<String> hosts, String certificateChainPem, String privateKeyPem) {
    public TlsCertificate {
        hosts = List.copyOf(hosts);
    }
}
