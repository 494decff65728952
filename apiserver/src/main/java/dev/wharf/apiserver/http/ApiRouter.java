package dev.wharf.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.apiserver.auth.TokenAuthenticator;
import dev.wharf.apiserver.discovery.Discovery;
import dev.wharf.common.Json;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The top of the URL space: health and version (anonymous), then bearer-token authentication, discovery,
 * OpenAPI and resources. Every failure is answered as a Status.
 */
public final class ApiRouter implements RequestHandler {
    private static final Set<String> ANONYMOUS = Set.of("/healthz", "/livez", "/readyz", "/version");
    private final java.util.function.BooleanSupplier ready;
    private final TokenAuthenticator authenticator;
    private final Discovery discovery;
    private final OpenApiEndpoint openApi;
    private final ResourceEndpoint resources;
    private final ObjectNode version;
    private final Supplier<String> serverAddress;

    public ApiRouter(TokenAuthenticator authenticator, Discovery discovery, OpenApiEndpoint openApi,
            ResourceEndpoint resources, ObjectNode version, Supplier<String> serverAddress) {
        this(authenticator, discovery, openApi, resources, version, serverAddress, () -> true);
    }

    /** {@code ready} gates /readyz (503 until true), so clients wait for the whole server, not just the socket. */
    public ApiRouter(TokenAuthenticator authenticator, Discovery discovery, OpenApiEndpoint openApi,
            ResourceEndpoint resources, ObjectNode version, Supplier<String> serverAddress,
            java.util.function.BooleanSupplier ready) {
        this.ready = ready;
        this.authenticator = authenticator;
        this.discovery = discovery;
        this.openApi = openApi;
        this.resources = resources;
        this.version = version;
        this.serverAddress = serverAddress;
    }

    private final java.util.List<dev.wharf.spi.metrics.MetricsSource> metrics = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Adds a contributor to {@code GET /metrics} (Prometheus text; authenticated like every API path). */
    public void addMetrics(dev.wharf.spi.metrics.MetricsSource source) {
        metrics.add(source);
    }

    @Override
    public void handle(HttpRequest req, Responder r) throws Exception {
        try {
            route(req, r);
        } catch (ApiException e) {
            if (r.started()) {
                throw e;
            }
            Responses.error(r, e);
        } catch (java.io.UncheckedIOException e) {
            if (r.started()) {
                throw e;
            }
            Responses.error(r, ApiException.badRequest(e.getMessage()));
        }
    }

    private void route(HttpRequest req, Responder r) throws Exception {
        String path = req.path().length() > 1 && req.path().endsWith("/") ? req.path().substring(0, req.path().length() - 1) : req.path();
        if (ANONYMOUS.contains(path) || path.startsWith("/readyz/") || path.startsWith("/livez/") || path.startsWith("/healthz/")) {
            if (path.equals("/version")) {
                Responses.json(r, 200, version, List.of());
            } else if (path.startsWith("/readyz") && !ready.getAsBoolean()) {
                Responses.text(r, 503, "not ready: the server is still starting");
            } else {
                Responses.text(r, 200, "ok");
            }
            return;
        }
        authenticate(req);
        if ("websocket".equalsIgnoreCase(req.header("Upgrade"))) {
            // Watches stream over plain HTTP; 503 is what makes clients such as fabric8 fall back to that.
            throw ApiException.of(503, "ServiceUnavailable", "websocket upgrades are not supported: use HTTP streaming (watch=true)");
        }
        if (path.equals("/metrics") && req.method().equals("GET")) {
            StringBuilder out = new StringBuilder(4096);
            metrics.forEach(m -> m.writePrometheus(out));
            r.full(200, "text/plain; version=0.0.4; charset=utf-8", out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), java.util.Map.of());
            return;
        }
        boolean aggregated = MediaTypes.wantsAggregatedDiscovery(req.header("Accept"));
        switch (path) {
            case "/api" -> {
                if (aggregated) {
                    Responses.json(r, 200, Discovery.AGGREGATED_CONTENT_TYPE, discovery.aggregated(true), List.of());
                } else {
                    Responses.json(r, 200, discovery.apiVersions(serverAddress.get()), List.of());
                }
                return;
            }
            case "/apis" -> {
                if (aggregated) {
                    Responses.json(r, 200, Discovery.AGGREGATED_CONTENT_TYPE, discovery.aggregated(false), List.of());
                } else {
                    Responses.json(r, 200, discovery.apiGroupList(), List.of());
                }
                return;
            }
            default -> {
            }
        }
        if (path.startsWith("/openapi/") || path.equals("/swagger-2.0.0.pb-v1")) {
            if (!req.method().equals("GET") || !openApi.handle(path, req, r)) {
                throw Responses.notFoundPath();
            }
            return;
        }
        String[] parts = path.substring(1).split("/");
        if (parts[0].equals("api") && parts.length == 2) {
            Responses.json(r, 200, discovery.resourceList("", parts[1]).orElseThrow(Responses::notFoundPath), List.of());
            return;
        }
        if (parts[0].equals("apis") && parts.length == 2) {
            Responses.json(r, 200, discovery.apiGroup(parts[1]).orElseThrow(Responses::notFoundPath), List.of());
            return;
        }
        if (parts[0].equals("apis") && parts.length == 3) {
            Responses.json(r, 200, discovery.resourceList(parts[1], parts[2]).orElseThrow(Responses::notFoundPath), List.of());
            return;
        }
        ResourcePath resourcePath = ResourcePath.parse(path).orElseThrow(Responses::notFoundPath);
        resources.handle(resourcePath, req, r);
    }

    private void authenticate(HttpRequest req) {
        String header = req.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            if (authenticator.authenticate(null).isPresent()) {
                return;
            }
            throw ApiException.unauthorized();
        }
        if (authenticator.authenticate(header.substring(7).trim()).isEmpty()) {
            throw ApiException.unauthorized();
        }
    }

    /** The /version document: Kubernetes 1.32, with Wharf's version in gitVersion. */
    public static ObjectNode versionInfo(String wharfVersion, String gitCommit, String buildDate) {
        return Json.object().put("major", "1").put("minor", "32").put("gitVersion", "v1.32.0-wharf." + wharfVersion)
                .put("gitCommit", gitCommit).put("gitTreeState", "clean").put("buildDate", buildDate)
                .put("goVersion", "java" + Runtime.version().feature()).put("compiler", "javac")
                .put("platform", System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT) + "/"
                        + System.getProperty("os.arch").replace("x86_64", "amd64"));
    }
}
