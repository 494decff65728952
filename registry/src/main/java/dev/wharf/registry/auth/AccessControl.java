package dev.wharf.registry.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides who a request comes from (anonymous, Basic credentials, or a bearer token) and what it may do. With
 * no {@link RegistryAuth} configured the registry is open.
 */
public final class AccessControl {
    private final RegistryAuth auth;
    private final TokenService tokens;
    private final boolean anonymousPull;

    public AccessControl(RegistryAuth auth, TokenService tokens, boolean anonymousPull) {
        this.auth = auth;
        this.tokens = tokens;
        this.anonymousPull = anonymousPull;
    }

    public enum Kind { OPEN, ANONYMOUS, BASIC, BEARER }

    /** Who is asking, and what they may do per repository. */
    public record Identity(Kind kind, String user, Principal principal, TokenService.Claims claims) {
        public Set<Action> allowed(String repository) {
            return switch (kind) {
                case OPEN -> EnumSet.allOf(Action.class);
                case ANONYMOUS, BASIC -> principal.allowed(repository);
                case BEARER -> claims.allowed(repository);
            };
        }

        public boolean anonymous() {
            return kind == Kind.ANONYMOUS;
        }
    }

    public boolean enabled() {
        return auth != null;
    }

    public TokenService tokens() {
        return tokens;
    }

    /** The identity behind an Authorization header; empty when the header carries wrong credentials. */
    public Optional<Identity> identify(String authorization) {
        if (auth == null) {
            return Optional.of(new Identity(Kind.OPEN, "", null, null));
        }
        if (authorization == null || authorization.isBlank()) {
            return Optional.of(anonymousIdentity());
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return tokens.verify(authorization.substring(7).trim())
                    .map(c -> new Identity(Kind.BEARER, c.user(), null, c));
        }
        return basic(authorization).map(p -> new Identity(Kind.BASIC, p.user(), p, null));
    }

    /** Checks a {@code Basic} header; empty when absent or wrong. */
    public Optional<Principal> basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return auth.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    public Identity anonymousIdentity() {
        return new Identity(Kind.ANONYMOUS, "", Principal.anonymous(anonymousPull), null);
    }

    /**
     * Grants for the token endpoint: each requested {@code repository:NAME:ACTIONS} scope intersected with what
     * the principal may do.
     */
    public Map<String, Set<Action>> grant(Principal principal, Iterable<String> scopes) {
        Map<String, Set<Action>> out = new LinkedHashMap<>();
        for (String scopeParam : scopes) {
            for (String scope : scopeParam.split(" ")) {
                String[] parts = scope.split(":");
                if (parts.length < 3 || !parts[0].equals("repository")) {
                    continue;
                }
                String name = String.join(":", java.util.Arrays.copyOfRange(parts, 1, parts.length - 1));
                Set<Action> wanted = Action.parseList(parts[parts.length - 1]);
                Set<Action> allowed = principal.allowed(name);
                wanted.retainAll(allowed);
                if (!wanted.isEmpty()) {
                    out.computeIfAbsent(name, k -> EnumSet.noneOf(Action.class)).addAll(wanted);
                }
            }
        }
        return out;
    }
}
