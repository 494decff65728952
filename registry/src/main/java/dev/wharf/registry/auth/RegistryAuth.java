package dev.wharf.registry.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a user name and password (or robot token) and says what that user may do. The server wires it: the
 * user {@code admin} with the cluster's admin bearer token as password gets everything; nodes get pull.
 */
@FunctionalInterface
public interface RegistryAuth {
    /** The principal with its grants, or empty when the credentials are wrong. */
    Optional<Principal> authenticate(String user, String password);

    /** {@code admin} with {@code token} as password may pull, push and delete everywhere. */
    static RegistryAuth admin(String token) {
        return users(Map.of("admin", new Account(token, List.of(Grant.all()))));
    }

    /** A fixed table of users (tests, robot accounts). */
    static RegistryAuth users(Map<String, Account> accounts) {
        Map<String, Account> copy = Map.copyOf(accounts);
        return (user, password) -> {
            Account a = user == null ? null : copy.get(user);
            if (a == null || password == null || !constantTimeEquals(a.password(), password)) {
                return Optional.empty();
            }
            return Optional.of(new Principal(user, a.grants()));
        };
    }

    /** Tries {@code first}, then {@code second}. */
    default RegistryAuth or(RegistryAuth second) {
        return (user, password) -> authenticate(user, password).or(() -> second.authenticate(user, password));
    }

    record Account(String password, List<Grant> grants) {
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
