package dev.wharf.spi.runtime;

import java.util.List;
import java.util.Map;

/**
 * What a pod sandbox needs: identity, hostname, resolv.conf content (empty: the runtime's default) and host port
 * mappings (may be ignored by drivers that do not support them yet).
 */
public record SandboxSpec(String podUid, String podName, String namespace, String hostname, String resolvConf,
                          List<PortMapping> ports, Map<String, String> labels) {
    public SandboxSpec {
        if (podUid == null || podUid.isBlank()) {
            throw new IllegalArgumentException("podUid is required");
        }
        hostname = hostname == null || hostname.isBlank() ? podName : hostname;
        resolvConf = resolvConf == null ? "" : resolvConf;
        ports = ports == null ? List.of() : List.copyOf(ports);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static SandboxSpec of(String podUid, String podName, String namespace) {
        return new SandboxSpec(podUid, podName, namespace, podName, "", List.of(), Map.of());
    }
}
