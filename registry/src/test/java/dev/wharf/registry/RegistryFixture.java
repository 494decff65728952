package dev.wharf.registry;

import dev.wharf.common.ManualClock;
import dev.wharf.common.Randoms;
import dev.wharf.registry.auth.Grant;
import dev.wharf.registry.auth.RegistryAuth;
import dev.wharf.registry.storage.Digest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A started registry on a temp dir with a manual clock, the admin ({@code admin}/{@link #TOKEN}) and a
 * pull-only user ({@code reader}/{@code rpass}, pull on {@code team/*}), plus an HTTP/1.1 client.
 */
final class RegistryFixture implements AutoCloseable {
    static final String TOKEN = "admin-token-123";
    final ManualClock clock = new ManualClock();
    final RegistryServer server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    String auth = basic("admin", TOKEN);

    RegistryFixture(Path dir, boolean anonymousPull) throws Exception {
        RegistryAuth users = RegistryAuth.admin(TOKEN).or(RegistryAuth.users(Map.of("reader",
                new RegistryAuth.Account("rpass", List.of(Grant.pull("team/*"))))));
        server = new RegistryServer(RegistryConfig.defaults(dir).withClock(clock).withRandom(Randoms.seeded(7))
                .withAuth(users, anonymousPull));
        server.start();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base() + path))
                .timeout(Duration.ofSeconds(20));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return b;
    }

    HttpResponse<byte[]> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    HttpResponse<byte[]> head(String path) throws IOException, InterruptedException {
        return send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<byte[]> delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE());
    }

    /** Monolithic upload; returns the blob's digest. */
    Digest pushBlob(String repo, byte[] content) throws IOException, InterruptedException {
        Digest d = Digest.of(content);
        var r = send(request("/v2/" + repo + "/blobs/uploads/?digest=" + d)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)));
        if (r.statusCode() != 201) {
            throw new IllegalStateException("push blob: " + r.statusCode() + " " + new String(r.body()));
        }
        return d;
    }

    HttpResponse<byte[]> putManifest(String repo, String ref, String mediaType, byte[] body) throws IOException, InterruptedException {
        return send(request("/v2/" + repo + "/manifests/" + ref).header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
