package dev.wharf.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.api.ApiException;
import dev.wharf.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque {@code continue} of a paged list: the last key returned and the revision of the first page. */
public record ContinueToken(String lastKey, long revision) {

    public String encode() {
        String json = Json.string(Json.object().put("v", "meta.k8s.io/v1").put("rv", revision).put("start", lastKey));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    public static ContinueToken decode(String token) {
        try {
            JsonNode n = Json.parse(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            if (!n.path("start").isTextual() || !n.path("rv").canConvertToLong()) {
                throw new IllegalArgumentException("fields missing");
            }
            return new ContinueToken(n.get("start").asText(), n.get("rv").asLong());
        } catch (RuntimeException e) {
            throw ApiException.badRequest("invalid continue token: " + e.getMessage());
        }
    }
}
