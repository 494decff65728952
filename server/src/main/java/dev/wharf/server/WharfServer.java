package dev.wharf.server;

import dev.wharf.apiserver.ApiServer;
import dev.wharf.apiserver.ApiServerConfig;
import dev.wharf.apiserver.auth.TokenAuthenticator;
import dev.wharf.common.Clock;
import dev.wharf.common.Component;
import dev.wharf.common.Randoms;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.server.cmd.DevOptions;
import dev.wharf.server.cmd.ServerOptions;
import dev.wharf.server.gateway.HostGateway;
import dev.wharf.server.node.LocalNodes;
import dev.wharf.apiserver.rest.PodLogSource;
import dev.wharf.server.config.Kubeconfig;
import dev.wharf.server.pki.ClusterIdentity;
import dev.wharf.spi.store.MemoryStore;
import dev.wharf.spi.store.Store;
import dev.wharf.store.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;

/**
 * The composition root: builds every component of a Wharf server explicitly, starts them in dependency order,
 * and stops them in reverse. Nothing else wires components together.
 */
public final class WharfServer implements AutoCloseable {
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Path dataDir;
    private final String url;
    private ApiServer apiServer;

    private WharfServer(Path dataDir, String url) {
        this.dataDir = dataDir;
        this.url = url;
    }

    /** Starts Wharf and blocks until SIGTERM or Ctrl-C, then stops it cleanly. */
    public static int runUntilSignalled(ServerOptions options, DevOptions dev) throws Exception {
        long t0 = System.nanoTime();
        String mode = dev != null ? "dev" : "server";
        WharfServer wharf;
        try {
            wharf = start(options, dev);
        } catch (Exception e) {
            System.err.println("wharf: cannot start: " + StartupErrors.explain(e, options));
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("wharf: stopping");
            wharf.close();
            stopped.countDown();
        }, "wharf-shutdown"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.err.printf("wharf %s is ready in %d ms: API %s, data in %s%n", mode, ms, wharf.url, wharf.dataDir);
        System.err.printf("  export KUBECONFIG=%s%n  kubectl get namespaces%n", wharf.dataDir.resolve("kubeconfig"));
        stopped.await();
        return 0;
    }

    /** Starts a server; with {@code dev} options also node agents in this process. */
    public static WharfServer start(ServerOptions o, DevOptions dev) throws Exception {
        Path dataDir = o.dataDir().toAbsolutePath();
        Files.createDirectories(dataDir);
        Clock clock = Clock.system();
        ClusterIdentity identity = ClusterIdentity.loadOrCreate(dataDir, clock);
        ClusterIdentity.ServingFiles serving = identity.issueServing(o.bind());
        String host = o.bind().equals("0.0.0.0") || o.bind().equals("::") ? "127.0.0.1" : o.bind();
        WharfServer w = new WharfServer(dataDir, "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + o.apiPort());
        try {
            Store store = openStore(o, dataDir);
            w.started.push(store);

            LocalNodes nodes = dev == null || dev.nodes() == 0 ? null
                    : Wiring.localNodes(w::client, dataDir, dev, clock, o, identity);
            HostGateway gateway = nodes == null ? null : Wiring.hostGateway(w::client, dev, clock);
            if (gateway != null && gateway.servesClusterIps()) {
                nodes.withClusterDns(List.of(HostGateway.CLUSTER_DNS_IP));
            }
            ApiServerConfig config = ApiServerConfig.defaults(store, clock, Randoms.secure())
                    .withBind(o.bind(), o.apiPort())
                    .withTls(serving.certificateChain(), serving.privateKey())
                    .withAuthenticator(TokenAuthenticator.staticToken(identity.adminToken(), TokenAuthenticator.admin()))
                    .withVersion(Version.WHARF)
                    .withLogs(nodes != null ? nodes : PodLogSource.NONE);
            w.apiServer = new ApiServer(config);
            w.apiServer.holdReadiness();
            w.startComponent(w.apiServer);

            ApiClient client = w.apiServer.client();
            Bootstrap.ensureSystemNamespaces(client);
            Bootstrap.ensureClusterServices(client);
            w.startComponent(Wiring.controllers(client, clock, dev));
            Component registry = Wiring.registry(o, dataDir, identity, clock);
            if (registry != null) {
                w.startComponent(registry);
            }
            if (gateway != null) {
                w.startComponent(gateway);
                w.apiServer.addMetrics(gateway.gateway());
            }
            if (nodes != null) {
                w.startComponent(nodes);
            }
            Kubeconfig.write(dataDir.resolve("kubeconfig"), w.url, identity.caPem(), identity.adminToken());
            w.apiServer.markReady();
            return w;
        } catch (Exception e) {
            w.close();
            throw e;
        }
    }

    private static Store openStore(ServerOptions o, Path dataDir) throws Exception {
        return switch (o.store()) {
            case "memory" -> new MemoryStore();
            case "sqlite" -> SqliteStore.open(dataDir.resolve("state").resolve("wharf.db"));
            default -> throw new IllegalArgumentException("unknown --store " + o.store() + ": use sqlite or memory");
        };
    }

    private void startComponent(Component c) throws Exception {
        c.start();
        started.push(c);
        c.awaitReady(Duration.ofSeconds(30));
    }

    private ApiClient client() {
        return apiServer.client();
    }

    public ApiServer apiServer() {
        return apiServer;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("wharf: error while stopping " + c + ": " + e);
            }
        }
    }
}
