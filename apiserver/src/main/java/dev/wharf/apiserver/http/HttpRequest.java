package dev.wharf.apiserver.http;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Map;

/** One HTTP request, fully read: method, decoded path, query parameters, headers, body. */
public record HttpRequest(String method, String path, Map<String, List<String>> query, HttpHeaders headers, byte[] body) {

    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public boolean flag(String name) {
        String v = param(name);
        return v != null && (v.equalsIgnoreCase("true") || v.equals("1"));
    }

    public Long longParam(String name) {
        String v = param(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw dev.wharf.api.ApiException.badRequest("invalid value for " + name + ": " + v);
        }
    }

    public String header(String name) {
        return headers.get(name);
    }
}
