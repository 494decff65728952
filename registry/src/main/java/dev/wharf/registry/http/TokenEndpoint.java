package dev.wharf.registry.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;
import dev.wharf.registry.auth.Action;
import dev.wharf.registry.auth.Principal;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v2/token?service=&scope=...}: checks Basic credentials (none means anonymous) and issues a
 * bearer token for the requested scopes that the user holds.
 */
final class TokenEndpoint {
    private final RegistryContext ctx;

    TokenEndpoint(RegistryContext ctx) {
        this.ctx = ctx;
    }

    Reply token(Request r, Guard guard) throws RegistryException {
        var access = ctx.access();
        if (!access.enabled()) {
            throw new RegistryException(ErrorCode.UNSUPPORTED, HttpResponseStatus.NOT_FOUND, "this registry needs no token");
        }
        String authorization = r.headers().get(HttpHeaderNames.AUTHORIZATION);
        Principal principal;
        if (authorization == null) {
            principal = access.anonymousIdentity().principal();
        } else {
            principal = access.basic(authorization).orElseThrow(() -> new RegistryException(ErrorCode.UNAUTHORIZED,
                    "wrong user name or password").header(HttpHeaderNames.WWW_AUTHENTICATE,
                    "Basic realm=\"" + Guard.SERVICE + "\""));
        }
        Map<String, Set<Action>> granted = access.grant(principal, r.params("scope"));
        String token = access.tokens().issue(principal.user(), granted);
        ObjectNode body = Json.object().put("token", token).put("access_token", token)
                .put("expires_in", access.tokens().ttl().toSeconds())
                .put("issued_at", DateTimeFormatter.ISO_INSTANT.format(ctx.config().clock().now()));
        return Reply.json(HttpResponseStatus.OK, body);
    }
}
