package dev.wharf.apiserver;

import dev.wharf.apiserver.auth.TokenAuthenticator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** An API server listening on a random HTTPS port with a bearer token, and a java.net.http client for it. */
public final class HttpsFixture implements AutoCloseable {
    public static final String TOKEN = "s3cret-token";
    public final ApiFixture api;
    public final TestCerts certs;
    public final HttpClient client;

    public HttpsFixture(Path dir) throws Exception {
        certs = TestCerts.create(dir);
        api = new ApiFixture(c -> {
            try {
                return c.withTls(certs.certPem(), certs.keyPem())
                        .withAuthenticator(TokenAuthenticator.staticToken(TOKEN, TokenAuthenticator.admin()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        api.server.start();
        client = HttpClient.newBuilder().sslContext(certs.clientContext()).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public String url(String path) {
        return "https://127.0.0.1:" + api.server.port() + path;
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + TOKEN);
    }

    public HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path, String accept) throws Exception {
        return send(request(path).header("Accept", accept).GET());
    }

    public HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = request(path).method(method, HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    @Override
    public void close() {
        client.shutdownNow();
        api.close();
    }
}
