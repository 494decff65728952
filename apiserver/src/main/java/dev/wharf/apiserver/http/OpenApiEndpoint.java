package dev.wharf.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.schema.OpenApi;
import dev.wharf.api.schema.OpenApiV2;
import dev.wharf.common.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /openapi/v3} and its group-version documents, rendered once and cached with an ETag; URLs carrying the
 * {@code hash} the root hands out are immutable, as in Kubernetes. {@code /openapi/v2} serves the Swagger 2.0
 * document older kubectl releases validate and patch with: protobuf when the Accept header asks for it (and always at
 * {@code /swagger-2.0.0.pb-v1}), JSON otherwise.
 */
public final class OpenApiEndpoint {
    private final OpenApi openApi;
    private final OpenApiV2 v2;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    public OpenApiEndpoint(OpenApi openApi) {
        this.openApi = openApi;
        this.v2 = new OpenApiV2(openApi);
    }

    /** Returns false when the path is not an OpenAPI document. */
    public boolean handle(String path, HttpRequest req, Responder r) {
        if (path.equals("/openapi/v2") || path.equals("/swagger-2.0.0.pb-v1")) {
            String accept = req.header("Accept");
            boolean proto = path.startsWith("/swagger") || accept != null && accept.contains("protobuf");
            byte[] body = proto ? cache.computeIfAbsent("v2.pb", k -> v2.protobuf()) : cache.computeIfAbsent("v2", k -> v2.json());
            send(body, proto ? OpenApiV2.PROTOBUF_MEDIA_TYPE : "application/json", req, r, false);
            return true;
        }
        if (path.equals("/openapi/v3") || path.equals("/openapi/v3/")) {
            byte[] body = cache.computeIfAbsent("", k -> Json.bytes(openApi.root()));
            send(body, "application/json", req, r, false);
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
            send(body, "application/json", req, r, req.param("hash") != null);
            return true;
        }
        return false;
    }

    private static void send(byte[] body, String contentType, HttpRequest req, Responder r, boolean immutable) {
        String etag = "\"" + sha(body) + "\"";
        Map<String, String> headers = Map.of("ETag", etag, "Cache-Control",
                immutable ? "public, immutable, max-age=31536000" : "no-cache, private");
        if (etag.equals(req.header("If-None-Match"))) {
            r.full(304, contentType, new byte[0], headers);
            return;
        }
        r.full(200, contentType, body, headers);
    }

    private static String sha(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(body)).substring(0, 64).toUpperCase(java.util.Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            return Integer.toHexString(new String(body, StandardCharsets.UTF_8).hashCode());
        }
    }
}
