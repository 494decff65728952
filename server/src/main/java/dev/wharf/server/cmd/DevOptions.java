package dev.wharf.server.cmd;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The flags only `wharf dev` has: the node agents it runs in the same process. */
public final class DevOptions {
    @Option(names = "--nodes", paramLabel = "N", defaultValue = "1",
            description = "Node agents to run in this process: node-1..node-N (default: ${DEFAULT-VALUE}; 0 for none).")
    int nodes;

    @Option(names = "--zones", paramLabel = "A,B,...", split = ",", defaultValue = "a",
            description = "Zones assigned to the nodes round-robin (label topology.kubernetes.io/zone; default: ${DEFAULT-VALUE}).")
    List<String> zones = new ArrayList<>();

    @Option(names = "--runtime", paramLabel = "DRIVER", defaultValue = "auto",
            description = "Container runtime of the nodes: runc (OCI containers, needs root), process (host processes),"
                    + " fake (no processes, for scale tests) or auto: runc where it can run, else process (default).")
    String runtime;

    @Option(names = "--gateway-port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port on 127.0.0.1 where the gateway serves Ingress traffic over HTTP (default: ${DEFAULT-VALUE}; 0 for none).")
    int gatewayPort = 8080;

    @Option(names = "--gateway-tls-port", paramLabel = "PORT", defaultValue = "8443",
            description = "Port on 127.0.0.1 where the gateway serves Ingress traffic over HTTPS, once an Ingress names a TLS secret (default: ${DEFAULT-VALUE}; 0 for none).")
    int gatewayTlsPort = 8443;

    public int gatewayPort() {
        return gatewayPort;
    }

    public int gatewayTlsPort() {
        return gatewayTlsPort;
    }

    public int nodes() {
        return nodes;
    }

    public List<String> zones() {
        return zones;
    }

    public String runtime() {
        return runtime;
    }
}
