package dev.wharf.images.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.common.Json;
import dev.wharf.spi.image.ImagePullException;
import dev.wharf.spi.image.RegistryCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * HTTP to registries with their auth dance: try with what we have; on 401 read {@code WWW-Authenticate}; for
 * Basic send the credentials, for Bearer GET the realm (with Basic credentials when we have some) for a token
 * scoped to the repository, then retry once. Tokens are cached per registry and scope.
 */
final class RegistryHttp {
    private static final int MAX_ERROR_BODY = 2048;

    private final HttpClient http;
    private final HttpClient httpPlain;
    private final RegistryOptions options;
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();

    RegistryHttp(RegistryOptions options) {
        this.options = options;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(options.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1);
        this.httpPlain = b.build();
        if (options.extraCaPem() != null) {
            b.sslContext(Tls.withExtraCa(options.extraCaPem()));
        }
        this.http = b.build();
    }

    URI uri(String registry, String pathAndQuery) {
        String host = RegistryOptions.endpointHost(registry);
        return URI.create(options.scheme(host) + "://" + host + pathAndQuery);
    }

    /**
     * Sends a request built by {@code request} (called again for the retry), authenticating as needed.
     * Returns the response whatever its status; the caller checks it (use {@link #fail}).
     */
    HttpResponse<InputStream> send(String registry, String scope, RegistryCredentials creds,
                                   Supplier<HttpRequest.Builder> request) throws IOException {
        String key = registry + " " + scope;
        HttpResponse<InputStream> r = exchange(request.get(), authorizations.get(key));
        if (r.statusCode() != 401) {
            return r;
        }
        String header = r.headers().firstValue("WWW-Authenticate").orElse(null);
        byte[] body = drain(r);
        AuthChallenge challenge = AuthChallenge.parse(header);
        String auth;
        if (challenge != null && challenge.isBearer()) {
            auth = "Bearer " + token(challenge, scope, creds);
        } else if (creds != null && (challenge == null || challenge.isBasic())) {
            auth = basic(creds);
        } else {
            throw new ImagePullException(ImagePullException.Reason.ErrImagePull, describe(request.get().build(), 401, body)
                    + (creds == null ? " (no credentials for " + registry + ")" : ""), 401, null);
        }
        authorizations.put(key, auth);
        return exchange(request.get(), auth);
    }

    private String token(AuthChallenge c, String scope, RegistryCredentials creds) throws IOException {
        String realm = c.param("realm");
        if (realm == null) {
            throw new ImagePullException("registry sent a Bearer challenge without a realm");
        }
        StringBuilder q = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
        if (c.param("service") != null) {
            q.append("service=").append(enc(c.param("service"))).append('&');
        }
        q.append("scope=").append(enc(scope != null ? scope : c.param("scope") != null ? c.param("scope") : ""));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(q.toString())).timeout(options.timeout()).GET();
        if (creds != null) {
            b.header("Authorization", basic(creds));
        }
        HttpResponse<InputStream> r = exchange(b, null);
        byte[] body = drain(r);
        if (r.statusCode() != 200) {
            throw new ImagePullException(ImagePullException.Reason.ErrImagePull,
                    "token request failed: " + describe(b.build(), r.statusCode(), body), r.statusCode(), null);
        }
        JsonNode json = Json.parse(body);
        String token = json.path("token").asText(json.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new ImagePullException("token endpoint " + realm + " answered without a token");
        }
        return token;
    }

    private HttpResponse<InputStream> exchange(HttpRequest.Builder b, String authorization) throws IOException {
        if (authorization != null) {
            b.setHeader("Authorization", authorization);
        }
        HttpRequest req = b.build();
        HttpClient client = req.uri().getScheme().equals("https") ? http : httpPlain;
        try {
            return client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            throw new IOException(req.method() + " " + req.uri() + ": " + e, e);
        }
    }

    /** GETs a URL a registry redirected to (blob storage): no registry credentials go along to other hosts. */
    HttpResponse<InputStream> follow(URI from, HttpResponse<InputStream> r, String authorizationKey) throws IOException {
        URI next = from;
        HttpResponse<InputStream> cur = r;
        for (int hops = 0; hops < 5 && cur.statusCode() / 100 == 3; hops++) {
            String loc = cur.headers().firstValue("Location").orElseThrow(() -> new IOException("redirect without Location"));
            drain(cur);
            URI target = next.resolve(loc);
            String auth = target.getHost().equals(next.getHost()) ? authorizations.get(authorizationKey) : null;
            next = target;
            cur = exchange(HttpRequest.newBuilder(target).timeout(options.timeout()).GET(), auth);
        }
        return cur;
    }

    /** An exception carrying the registry's answer verbatim (its JSON error codes included). */
    ImagePullException fail(HttpRequest req, HttpResponse<InputStream> r) {
        byte[] body = drain(r);
        return new ImagePullException(ImagePullException.Reason.ErrImagePull, describe(req, r.statusCode(), body),
                r.statusCode(), null);
    }

    static String describe(HttpRequest req, int status, byte[] body) {
        String text = new String(body, 0, Math.min(body.length, MAX_ERROR_BODY), StandardCharsets.UTF_8).strip();
        return req.method() + " " + req.uri() + ": " + status + " " + reason(status) + (text.isEmpty() ? "" : ": " + text);
    }

    static byte[] drain(HttpResponse<InputStream> r) {
        try (InputStream in = r.body()) {
            return in.readNBytes(MAX_ERROR_BODY * 4);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "";
        };
    }

    private static String basic(RegistryCredentials c) {
        return "Basic " + Base64.getEncoder().encodeToString((c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<String> accept() {
        return dev.wharf.images.oci.MediaTypes.MANIFEST_ACCEPT;
    }
}
