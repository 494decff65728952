package dev.wharf.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.schema.OpenApi;
import dev.wharf.common.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /openapi/v3} and its group-version documents, rendered once and cached with an ETag; URLs carrying the
 * {@code hash} the root hands out are immutable, as in Kubernetes. {@code /openapi/v2} stays 404.
 */
public final class OpenApiEndpoint {
    private final OpenApi openApi;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    public OpenApiEndpoint(OpenApi openApi) {
        this.openApi = openApi;
    }

    /** Returns false when the path is not an OpenAPI document. */
    public boolean handle(String path, HttpRequest req, Responder r) {
        if (path.equals("/openapi/v3") || path.equals("/openapi/v3/")) {
            byte[] body = cache.computeIfAbsent("", k -> Json.bytes(openApi.root()));
            send(body, req, r, false);
            return true;
        }
        if (path.startsWith("/openapi/v3/")) {
            String gv = path.substring("/openapi/v3/".length());
            byte[] body = cache.get(gv);
            if (body == null) {
                ObjectNode doc = openApi.groupVersion(gv).orElse(null);
                if (doc == null) {
                    return false;
                }
                body = Json.bytes(doc);
                cache.put(gv, body);
            }
            send(body, req, r, req.param("hash") != null);
            return true;
        }
        return false;
    }

    private static void send(byte[] body, HttpRequest req, Responder r, boolean immutable) {
        String etag = "\"" + sha(body) + "\"";
        Map<String, String> headers = Map.of("ETag", etag, "Cache-Control",
                immutable ? "public, immutable, max-age=31536000" : "no-cache, private");
        if (etag.equals(req.header("If-None-Match"))) {
            r.full(304, "application/json", new byte[0], headers);
            return;
        }
        r.full(200, "application/json", body, headers);
    }

    private static String sha(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(body)).substring(0, 64).toUpperCase(java.util.Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            return Integer.toHexString(new String(body, StandardCharsets.UTF_8).hashCode());
        }
    }
}
