package dev.wharf.spi.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A user name and password (or token) for one registry, as found in an imagePullSecret's
 * {@code .dockerconfigjson} "auths" entry.
 *
 * @param registry host[:port] the credentials apply to ("docker.io" also matches Docker Hub's aliases)
 */
public record RegistryCredentials(String registry, String username, String password) {
    @Override
    public String toString() {
        return "RegistryCredentials[" + registry + ", " + username + ", ****]";
    }

    /**
     * Reads the credentials of an imagePullSecret: {@code .dockerconfigjson} ({"auths": {host: {...}}}) or the
     * legacy {@code .dockercfg} ({host: {...}}); each entry has username/password or auth = base64(user:password).
     *
     * @throws IllegalArgumentException when the JSON or an auth value is malformed
     */
    public static List<RegistryCredentials> fromDockerConfig(byte[] json) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid docker config JSON: " + e.getMessage(), e);
        }
        JsonNode auths = root.has("auths") ? root.get("auths") : root;
        List<RegistryCredentials> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : auths.properties()) {
            JsonNode a = e.getValue();
            String user = a.path("username").asText("");
            String pass = a.path("password").asText("");
            if (user.isEmpty() && a.hasNonNull("auth")) {
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(a.get("auth").asText()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException bad) {
                    throw new IllegalArgumentException("invalid docker config JSON: auths." + e.getKey() + ".auth is not base64");
                }
                int colon = decoded.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException("invalid docker config JSON: auths." + e.getKey() + ".auth is not user:password");
                }
                user = decoded.substring(0, colon);
                pass = decoded.substring(colon + 1);
            }
            if (a.hasNonNull("identitytoken") && pass.isEmpty()) {
                pass = a.get("identitytoken").asText();
            }
            out.add(new RegistryCredentials(e.getKey(), user, pass));
        }
        return out;
    }

    /** The first credentials whose registry matches {@code host}. */
    public static Optional<RegistryCredentials> forRegistry(List<RegistryCredentials> all, String host) {
        if (all == null) {
            return Optional.empty();
        }
        for (RegistryCredentials c : all) {
            String r = c.registry().replaceFirst("^https?://", "").replaceFirst("/.*$", "");
            if (r.equals(host) || (ImageRef.DOCKER_HUB.equals(host)
                    && (r.equals("index.docker.io") || r.equals("registry-1.docker.io")))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
