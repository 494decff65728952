package dev.wharf.bench.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** What the API load runs share: a target server (URL + token) and an HTTPS client. */
public record ApiLoad(String url, String token, HttpClient http) {

    /** From a data dir of a running `wharf dev` (its kubeconfig's server URL and admin.token). */
    public static ApiLoad fromDataDir(Path dataDir) throws Exception {
        String kubeconfig = Files.readString(dataDir.resolve("kubeconfig"));
        String url = kubeconfig.lines().filter(l -> l.trim().startsWith("server:")).findFirst()
                .orElseThrow().trim().substring("server:".length()).trim();
        String token = Files.readString(dataDir.resolve("admin.token")).trim();
        return new ApiLoad(url, token, client());
    }

    public static HttpClient client() throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trustAll())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A TLS context that trusts any server certificate (the benchmark talks to its own local server). */
    public static SSLContext trustAll() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] c, String a) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] c, String a) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return ctx;
    }

    public HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token);
    }
}
