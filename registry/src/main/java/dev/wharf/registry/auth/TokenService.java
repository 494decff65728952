package dev.wharf.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Clock;
import dev.wharf.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and verifies the bearer tokens of the Docker token flow: a JWT (HS256) whose claims name the user, the
 * actions granted per repository and an expiry from the {@link Clock}. The HMAC key lives in
 * {@code DATA/auth/token.key} (created on first start), so tokens stay valid across restarts.
 */
public final class TokenService {
    public static final String ISSUER = "wharf-registry";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final String HEADER = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final byte[] key;
    private final Clock clock;
    private final Duration ttl;

    public TokenService(Path dataDir, Clock clock, Duration ttl, RandomGenerator random) {
        this.key = loadOrCreateKey(dataDir.resolve("auth").resolve("token.key"), random);
        this.clock = clock;
        this.ttl = ttl;
    }

    /** Verified claims of a token: who, what per repository, until when. */
    public record Claims(String user, Map<String, Set<Action>> access, long expiresAt) {
        public Set<Action> allowed(String repository) {
            return access.getOrDefault(repository, Set.of());
        }
    }

    public Duration ttl() {
        return ttl;
    }

    public String issue(String user, Map<String, Set<Action>> access) {
        long now = clock.now().getEpochSecond();
        ObjectNode claims = Json.object();
        claims.put("iss", ISSUER).put("sub", user).put("aud", ISSUER).put("iat", now).put("nbf", now)
                .put("exp", now + ttl.toSeconds());
        ArrayNode list = claims.putArray("access");
        access.forEach((repo, actions) -> {
            ObjectNode a = list.addObject().put("type", "repository").put("name", repo);
            ArrayNode acts = a.putArray("actions");
            actions.stream().sorted().forEach(x -> acts.add(x.wire()));
        });
        String signingInput = HEADER + "." + B64.encodeToString(Json.bytes(claims));
        return signingInput + "." + B64.encodeToString(sign(signingInput));
    }

    /** The claims of a valid, unexpired token signed with this registry's key. */
    public Optional<Claims> verify(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            byte[] sig = B64D.decode(parts[2]);
            if (!MessageDigest.isEqual(sig, sign(parts[0] + "." + parts[1]))) {
                return Optional.empty();
            }
            JsonNode c = Json.parse(B64D.decode(parts[1]));
            long exp = c.path("exp").asLong(0);
            if (clock.now().getEpochSecond() >= exp) {
                return Optional.empty();
            }
            Map<String, Set<Action>> access = new LinkedHashMap<>();
            for (JsonNode a : c.path("access")) {
                if ("repository".equals(a.path("type").asText())) {
                    List<String> acts = new ArrayList<>();
                    a.path("actions").forEach(x -> acts.add(x.asText()));
                    access.put(a.path("name").asText(), Action.parseList(String.join(",", acts)));
                }
            }
            return Optional.of(new Claims(c.path("sub").asText(""), access, exp));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] loadOrCreateKey(Path file, RandomGenerator random) {
        try {
            if (Files.exists(file)) {
                return Files.readAllBytes(file);
            }
            Files.createDirectories(file.getParent());
            byte[] k = new byte[32];
            synchronized (random) {
                for (int i = 0; i < k.length; i++) {
                    k[i] = (byte) random.nextInt(256);
                }
            }
            Path tmp = Files.createTempFile(file.getParent(), "key-", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.write(tmp, k);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return k;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
