package dev.wharf.apiserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * A plain-HTTP front for the API server that makes kubectl 1.27 validate manifests client-side from
 * {@code /openapi/v2} alone, as it does against servers without field validation: {@code /openapi/v3} answers 404 and
 * the v2 document's {@code fieldValidation} parameters are renamed (same length, so the protobuf stays valid). It
 * adds the bearer token itself, since kubectl sends none over plain HTTP.
 */
final class OpenApiV2OnlyProxy implements AutoCloseable {
    private static final Set<String> HOP = Set.of("host", "content-length", "connection", "accept-encoding", "upgrade",
            "transfer-encoding", "authorization", "date", "expect", "from", "via", "warning");
    private final HttpServer http;
    private final HttpClient client;
    private final String upstream;
    private final String token;

    OpenApiV2OnlyProxy(String upstream, SSLContext trust, String token) throws IOException {
        this.upstream = upstream;
        this.token = token;
        this.client = HttpClient.newBuilder().sslContext(trust).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", this::forward);
        http.start();
    }

    String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    private void forward(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().toString();
            if (path.startsWith("/openapi/v3")) {
                byte[] body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}"
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(404, body.length);
                ex.getResponseBody().write(body);
                return;
            }
            byte[] in = ex.getRequestBody().readAllBytes();
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upstream + path)).timeout(Duration.ofSeconds(30))
                    .method(ex.getRequestMethod(), in.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(in))
                    .header("Authorization", "Bearer " + token);
            ex.getRequestHeaders().forEach((k, vs) -> {
                if (!HOP.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                    vs.forEach(v -> b.header(k, v));
                }
            });
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = r.body();
            if (path.startsWith("/openapi/v2")) {
                body = new String(body, StandardCharsets.ISO_8859_1).replace("fieldValidation", "fieldValidatioX")
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
            r.headers().map().forEach((k, vs) -> {
                if (!HOP.contains(k.toLowerCase(java.util.Locale.ROOT)) && !k.startsWith(":")) {
                    vs.forEach(v -> ex.getResponseHeaders().add(k, v));
                }
            });
            ex.sendResponseHeaders(r.statusCode(), body.length == 0 ? -1 : body.length);
            ex.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
