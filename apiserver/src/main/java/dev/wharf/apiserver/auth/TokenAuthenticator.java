package dev.wharf.apiserver.auth;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Bearer token to user; empty means 401. */
@FunctionalInterface
public interface TokenAuthenticator {
    Optional<User> authenticate(String token);

    /** One static token (the admin token of the kubeconfig), compared in constant time. */
    static TokenAuthenticator staticToken(String token, User user) {
        byte[] expected = token.getBytes(StandardCharsets.UTF_8);
        return presented -> presented != null && MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))
                ? Optional.of(user) : Optional.empty();
    }

    /** An admin user for the static token. */
    static User admin() {
        return new User("admin", List.of("system:masters", "system:authenticated"));
    }
}
