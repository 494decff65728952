package dev.wharf.apiserver;

import dev.wharf.apiserver.auth.TokenAuthenticator;
import dev.wharf.apiserver.http.Tls;
import dev.wharf.apiserver.rest.NodePortAllocator;
import dev.wharf.apiserver.rest.PodLogSource;
import dev.wharf.common.Clock;
import dev.wharf.spi.store.Store;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How to run the API server.
 *
 * @param bindHost           address to listen on
 * @param port               0 picks a free port ({@link ApiServer#port()} tells which)
 * @param ssl                TLS (null: plain HTTP, for tests)
 * @param authenticator      bearer token to user
 * @param store              where objects live
 * @param clock              time for timestamps, watch timeouts and bookmarks
 * @param random             uids and generated names
 * @param wharfVersion       shown in /version's gitVersion ("v1.32.0-wharf.&lt;version&gt;")
 * @param serviceCidr        Service cluster IP range
 * @param compactionRetain   revisions of history kept
 * @param compactionInterval how often to compact
 * @param watchTimeout       watch length when the client sends no timeoutSeconds
 * @param bookmarkInterval   BOOKMARK period for watches that allow them
 * @param logs               where pods/log reads from
 * @param nodePortRange      NodePort range, "30000-32767"
 */
public record ApiServerConfig(String bindHost, int port, SslContext ssl, TokenAuthenticator authenticator, Store store,
        Clock clock, RandomGenerator random, String wharfVersion, String serviceCidr, long compactionRetain,
        Duration compactionInterval, Duration watchTimeout, Duration bookmarkInterval, PodLogSource logs,
        String nodePortRange) {

    /** Without a node port range: the default 30000-32767. */
    public ApiServerConfig(String bindHost, int port, SslContext ssl, TokenAuthenticator authenticator, Store store,
            Clock clock, RandomGenerator random, String wharfVersion, String serviceCidr, long compactionRetain,
            Duration compactionInterval, Duration watchTimeout, Duration bookmarkInterval, PodLogSource logs) {
        this(bindHost, port, ssl, authenticator, store, clock, random, wharfVersion, serviceCidr, compactionRetain,
                compactionInterval, watchTimeout, bookmarkInterval, logs, NodePortAllocator.DEFAULT_RANGE);
    }

    /** Loopback, random port, no TLS, no authentication: tests and embedding. */
    public static ApiServerConfig defaults(Store store, Clock clock, RandomGenerator random) {
        return new ApiServerConfig("127.0.0.1", 0, null, token -> Optional.of(TokenAuthenticator.admin()), store, clock,
                random, "0.1.0", "100.64.0.0/16", 10_000, Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofMinutes(1), PodLogSource.NONE, NodePortAllocator.DEFAULT_RANGE);
    }

    public ApiServerConfig withBind(String host, int port) {
        return new ApiServerConfig(host, port, ssl, authenticator, store, clock, random, wharfVersion, serviceCidr,
                compactionRetain, compactionInterval, watchTimeout, bookmarkInterval, logs, nodePortRange);
    }

    public ApiServerConfig withTls(SslContext context) {
        return new ApiServerConfig(bindHost, port, context, authenticator, store, clock, random, wharfVersion, serviceCidr,
                compactionRetain, compactionInterval, watchTimeout, bookmarkInterval, logs, nodePortRange);
    }

    /** TLS from a PEM certificate chain and a PKCS#8 PEM private key. */
    public ApiServerConfig withTls(Path certChainPem, Path keyPem) throws IOException {
        return withTls(Tls.server(certChainPem.toFile(), keyPem.toFile()));
    }

    public ApiServerConfig withAuthenticator(TokenAuthenticator a) {
        return new ApiServerConfig(bindHost, port, ssl, a, store, clock, random, wharfVersion, serviceCidr,
                compactionRetain, compactionInterval, watchTimeout, bookmarkInterval, logs, nodePortRange);
    }

    public ApiServerConfig withVersion(String version) {
        return new ApiServerConfig(bindHost, port, ssl, authenticator, store, clock, random, version, serviceCidr,
                compactionRetain, compactionInterval, watchTimeout, bookmarkInterval, logs, nodePortRange);
    }

    public ApiServerConfig withCompaction(long retain, Duration interval) {
        return new ApiServerConfig(bindHost, port, ssl, authenticator, store, clock, random, wharfVersion, serviceCidr,
                retain, interval, watchTimeout, bookmarkInterval, logs, nodePortRange);
    }

    public ApiServerConfig withWatch(Duration timeout, Duration bookmarks) {
        return new ApiServerConfig(bindHost, port, ssl, authenticator, store, clock, random, wharfVersion, serviceCidr,
                compactionRetain, compactionInterval, timeout, bookmarks, logs, nodePortRange);
    }

    public ApiServerConfig withLogs(PodLogSource source) {
        return new ApiServerConfig(bindHost, port, ssl, authenticator, store, clock, random, wharfVersion, serviceCidr,
                compactionRetain, compactionInterval, watchTimeout, bookmarkInterval, source, nodePortRange);
    }

    /** Node ports for NodePort and LoadBalancer Services from {@code range} ("30000-32767"). */
    public ApiServerConfig withNodePortRange(String range) {
        return new ApiServerConfig(bindHost, port, ssl, authenticator, store, clock, random, wharfVersion, serviceCidr,
                compactionRetain, compactionInterval, watchTimeout, bookmarkInterval, logs, range);
    }
}
