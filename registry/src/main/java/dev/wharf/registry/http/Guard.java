package dev.wharf.registry.http;

import dev.wharf.registry.auth.AccessControl;
import dev.wharf.registry.auth.AccessControl.Identity;
import dev.wharf.registry.auth.AccessControl.Kind;
import dev.wharf.registry.auth.Action;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks that a request's identity may do what its route needs, and builds the Docker token challenge
 * ({@code WWW-Authenticate: Bearer realm=...,service=...,scope=...}) when it may not.
 */
final class Guard {
    static final String SERVICE = "wharf-registry";
    private final AccessControl access;

    Guard(AccessControl access) {
        this.access = access;
    }

    /** The actions a request needs on its repository (empty for routes that only need a login). */
    static Set<Action> needs(Route route, HttpMethod method) {
        return switch (route.kind()) {
            case BASE, TOKEN, CATALOG -> EnumSet.noneOf(Action.class);
            case TAGS, REFERRERS -> EnumSet.of(Action.PULL);
            case MANIFEST, BLOB -> method.equals(HttpMethod.DELETE) ? EnumSet.of(Action.DELETE)
                    : method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD) ? EnumSet.of(Action.PULL)
                    : EnumSet.of(Action.PUSH);
            case UPLOADS, UPLOAD -> EnumSet.of(Action.PULL, Action.PUSH);
        };
    }

    void check(Route route, HttpMethod method, Identity id, String baseUrl) throws RegistryException {
        if (id.kind() == Kind.OPEN || route.kind() == Route.Kind.TOKEN) {
            return;
        }
        Set<Action> needed = needs(route, method);
        if (route.kind() == Route.Kind.BASE || route.kind() == Route.Kind.CATALOG) {
            if (id.anonymous()) {
                throw challenge(ErrorCode.UNAUTHORIZED, baseUrl, null, false);
            }
            return;
        }
        Set<Action> allowed = id.allowed(route.name());
        if (allowed.containsAll(needed)) {
            return;
        }
        String scope = "repository:" + route.name() + ":" + needed.stream().sorted().map(Action::wire)
                .collect(Collectors.joining(","));
        switch (id.kind()) {
            case ANONYMOUS -> throw challenge(ErrorCode.UNAUTHORIZED, baseUrl, scope, false);
            case BEARER -> throw challenge(id.user().isEmpty() ? ErrorCode.UNAUTHORIZED : ErrorCode.DENIED, baseUrl, scope, true);
            default -> throw new RegistryException(ErrorCode.DENIED, "user " + id.user() + " may not " + scope);
        }
    }

    RegistryException challenge(ErrorCode code, String baseUrl, String scope, boolean insufficient) {
        StringBuilder h = new StringBuilder("Bearer realm=\"").append(baseUrl).append("/v2/token\",service=\"")
                .append(SERVICE).append('"');
        if (scope != null) {
            h.append(",scope=\"").append(scope).append('"');
        }
        if (insufficient) {
            h.append(",error=\"insufficient_scope\"");
        }
        String detail = scope == null ? "authentication required" : "access to " + scope + " requires a token that grants it";
        return new RegistryException(code, HttpResponseStatus.UNAUTHORIZED, detail)
                .header(HttpHeaderNames.WWW_AUTHENTICATE, h.toString());
    }

    AccessControl access() {
        return access;
    }
}
