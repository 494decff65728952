package dev.wharf.images.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * How to reach registries.
 *
 * @param insecure host[:port] names spoken to over plain HTTP (localhost and 127.0.0.1 always are)
 * @param extraCaPem a PEM bundle trusted in addition to the JDK's CAs (Wharf's own registry CA), or null
 * @param timeout connect and per-request header timeout
 * @param secure host[:port] names always spoken to over HTTPS, loopback included (Wharf's registry serving TLS)
 */
public record RegistryOptions(Set<String> insecure, Path extraCaPem, Duration timeout, Set<String> secure) {
    public RegistryOptions {
        insecure = insecure == null ? Set.of() : Set.copyOf(insecure);
        secure = secure == null ? Set.of() : Set.copyOf(secure);
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    }

    public static RegistryOptions defaults() {
        return new RegistryOptions(Set.of(), null, null, null);
    }

    /** "http" for loopback and insecure registries, "https" otherwise (and always for {@link #secure} ones). */
    public String scheme(String host) {
        if (secure.contains(host)) {
            return "https";
        }
        String h = host.replaceFirst(":[0-9]+$", "");
        boolean loopback = h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]");
        return loopback || insecure.contains(host) || insecure.contains(h) ? "http" : "https";
    }

    /** Where a registry name really answers: Docker Hub's API host differs from its name. */
    public static String endpointHost(String registry) {
        return "docker.io".equals(registry) ? "registry-1.docker.io" : registry;
    }
}
