package dev.wharf.gateway.model;

import java.util.List;

/**
 * An address the gateway binds. Its identity is (protocol, bindIp, port): applying a new config keeps a listener
 * whose identity is unchanged (its open connections live on) and swaps its routes or cluster in place.
 */
public sealed interface Listener {
    String bindIp();

    int port();

    /** L4 TCP proxy: each accepted connection is piped to one endpoint of {@code clusterId}. */
    record Tcp(String bindIp, int port, String clusterId) implements Listener {
    }

    /** L4 UDP proxy: datagrams of one client address go to one endpoint of {@code clusterId} (a flow per client). */
    record Udp(String bindIp, int port, String clusterId) implements Listener {
    }

    /**
     * L7 HTTP/1.1 (h2c welcome) proxy with routes; with certificates it terminates TLS first, choosing the
     * certificate by SNI. A request no route matches gets 404 from the gateway.
     */
    record Http(String bindIp, int port, List<HttpRoute> routes, List<TlsCertificate> certificates)
            implements Listener {
        public Http {
            routes = List.copyOf(routes);
            certificates = certificates == null ? List.of() : List.copyOf(certificates);
        }

        public boolean tls() {
            return !certificates.isEmpty();
        }
    }
}
