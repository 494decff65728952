package dev.wharf.registry.http;

import dev.wharf.registry.auth.AccessControl.Identity;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;

/** A parsed registry request: method, route, query parameters, headers, who sent it, and the base URL it used. */
public record Request(HttpMethod method, Route route, Map<String, List<String>> query, HttpHeaders headers,
                      Identity identity, String baseUrl) {

    public String param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public List<String> params(String name) {
        return query.getOrDefault(name, List.of());
    }

    public String name() {
        return route.name();
    }

    public String reference() {
        return route.reference();
    }

    public boolean head() {
        return method.equals(HttpMethod.HEAD);
    }
}
