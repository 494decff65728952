package dev.wharf.registry;

import dev.wharf.common.Clock;
import dev.wharf.common.Randoms;
import dev.wharf.registry.auth.RegistryAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLException;

/**
 * How a {@link RegistryServer} runs.
 *
 * @param bindHost      address to listen on ({@code 127.0.0.1} for plain HTTP)
 * @param port          port, 0 for a random free one ({@link RegistryServer#port()} tells which)
 * @param tls           TLS context, or null for plain HTTP; with TLS, loopback clients may still speak plain HTTP
 * @param dataDir       where blobs, repositories, uploads and the token key live
 * @param auth          credential check, or null for an open registry (no auth at all)
 * @param anonymousPull whether requests without credentials may pull
 * @param tokenTtl      lifetime of issued bearer tokens
 * @param publicBaseUrl base of the token realm (e.g. {@code https://reg.example:5000}); null: from the Host header
 */
public record RegistryConfig(String bindHost, int port, SslContext tls, Path dataDir, Clock clock,
                             RandomGenerator random, RegistryAuth auth, boolean anonymousPull, Duration tokenTtl,
                             String publicBaseUrl, int maxManifestBytes) {

    public RegistryConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(tokenTtl, "tokenTtl");
    }

    /** Loopback, random port, open registry, system clock, secure random, 5-minute tokens, 4 MiB manifests. */
    public static RegistryConfig defaults(Path dataDir) {
        return new RegistryConfig("127.0.0.1", 0, null, dataDir, Clock.system(), Randoms.secure(), null, false,
                Duration.ofMinutes(5), null, 4 << 20);
    }

    public RegistryConfig withPort(int p) {
        return new RegistryConfig(bindHost, p, tls, dataDir, clock, random, auth, anonymousPull, tokenTtl, publicBaseUrl, maxManifestBytes);
    }

    public RegistryConfig withBindHost(String h) {
        return new RegistryConfig(h, port, tls, dataDir, clock, random, auth, anonymousPull, tokenTtl, publicBaseUrl, maxManifestBytes);
    }

    public RegistryConfig withTls(SslContext t) {
        return new RegistryConfig(bindHost, port, t, dataDir, clock, random, auth, anonymousPull, tokenTtl, publicBaseUrl, maxManifestBytes);
    }

    public RegistryConfig withClock(Clock c) {
        return new RegistryConfig(bindHost, port, tls, dataDir, c, random, auth, anonymousPull, tokenTtl, publicBaseUrl, maxManifestBytes);
    }

    public RegistryConfig withRandom(RandomGenerator r) {
        return new RegistryConfig(bindHost, port, tls, dataDir, clock, r, auth, anonymousPull, tokenTtl, publicBaseUrl, maxManifestBytes);
    }

    public RegistryConfig withAuth(RegistryAuth a, boolean anonymous) {
        return new RegistryConfig(bindHost, port, tls, dataDir, clock, random, a, anonymous, tokenTtl, publicBaseUrl, maxManifestBytes);
    }

    public RegistryConfig withTokenTtl(Duration ttl) {
        return new RegistryConfig(bindHost, port, tls, dataDir, clock, random, auth, anonymousPull, ttl, publicBaseUrl, maxManifestBytes);
    }

    public RegistryConfig withPublicBaseUrl(String url) {
        return new RegistryConfig(bindHost, port, tls, dataDir, clock, random, auth, anonymousPull, tokenTtl, url, maxManifestBytes);
    }

    /** A server TLS context from PEM files (certificate chain and PKCS#8 key). */
    public static SslContext tlsFromPem(Path certChain, Path key) throws SSLException {
        return SslContextBuilder.forServer(new File(certChain.toString()), new File(key.toString())).build();
    }
}
