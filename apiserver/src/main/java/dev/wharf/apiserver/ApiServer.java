package dev.wharf.apiserver;

import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.api.schema.OpenApi;
import dev.wharf.apiserver.client.InProcessApiClient;
import dev.wharf.apiserver.discovery.Discovery;
import dev.wharf.apiserver.http.ApiRouter;
import dev.wharf.apiserver.http.LogEndpoint;
import dev.wharf.apiserver.http.NettyHttpServer;
import dev.wharf.apiserver.http.OpenApiEndpoint;
import dev.wharf.apiserver.http.Renderer;
import dev.wharf.apiserver.http.ResourceEndpoint;
import dev.wharf.apiserver.http.WatchEndpoint;
import dev.wharf.apiserver.registry.Compactor;
import dev.wharf.apiserver.registry.ObjectStorage;
import dev.wharf.apiserver.rest.Admission;
import dev.wharf.apiserver.rest.ClusterIpAllocator;
import dev.wharf.apiserver.rest.NodePortAllocator;
import dev.wharf.apiserver.rest.ResourceService;
import dev.wharf.apiserver.rest.RestContext;
import dev.wharf.common.Component;
import java.time.Duration;

/**
 * The Kubernetes API server: HTTP(S) on Netty in front of the service layer, plus periodic store compaction.
 * The same service layer backs {@link #client()}, the in-process client controllers use.
 */
public final class ApiServer implements Component {
    private final ApiServerConfig config;
    private final ResourceService service;
    private final ApiRouter router;
    private final Compactor compactor;
    private volatile NettyHttpServer http;
    private volatile boolean ready = true;

    public ApiServer(ApiServerConfig config) {
        this.config = config;
        ResourceTypes types = ResourceTypes.builtIn();
        OpenApi openApi = new OpenApi(types);
        ObjectStorage storage = new ObjectStorage(config.store());
        RestContext ctx = new RestContext(storage, types, config.clock(), config.random(), new Admission(openApi),
                new ClusterIpAllocator(config.serviceCidr(), storage), new NodePortAllocator(config.nodePortRange(), storage),
                config.logs());
        this.service = new ResourceService(ctx);
        Renderer renderer = new Renderer(config.clock());
        WatchEndpoint watches = new WatchEndpoint(service, renderer, config.watchTimeout(), config.bookmarkInterval());
        ResourceEndpoint resources = new ResourceEndpoint(types, service, renderer, watches, new LogEndpoint(service));
        this.router = new ApiRouter(config.authenticator(), new Discovery(types), new OpenApiEndpoint(openApi), resources,
                ApiRouter.versionInfo(config.wharfVersion(), "wharf", "2026-01-01T00:00:00Z"),
                () -> config.bindHost() + ":" + port(), () -> ready);
        this.compactor = new Compactor(config.store(), config.compactionRetain());
    }

    @Override
    public String name() {
        return "apiserver";
    }

    @Override
    public void start() throws Exception {
        http = new NettyHttpServer(config.bindHost(), config.port(), config.ssl(), router);
        compactor.start(config.compactionInterval());
    }

    @Override
    public void awaitReady(Duration timeout) {
        if (http == null) {
            throw new IllegalStateException("apiserver not started");
        }
    }

    /** Adds a contributor to the server's {@code /metrics} page (the gateway's traffic, for one). */
    public void addMetrics(dev.wharf.spi.metrics.MetricsSource source) {
        router.addMetrics(source);
    }

    /** Before {@link #start}: /readyz answers 503 until {@link #markReady} (the composition root's last step). */
    public void holdReadiness() {
        ready = false;
    }

    public void markReady() {
        ready = true;
    }

    /** The bound port (after start). */
    public int port() {
        NettyHttpServer h = http;
        return h == null ? config.port() : h.port();
    }

    /** The service layer, for embedding. */
    public ResourceService service() {
        return service;
    }

    /** A client that calls the service layer directly, without HTTP. */
    public InProcessApiClient client() {
        return new InProcessApiClient(service, "wharf-controller");
    }

    @Override
    public void stop() {
        compactor.close();
        NettyHttpServer h = http;
        if (h != null) {
            h.close();
            http = null;
        }
    }
}
