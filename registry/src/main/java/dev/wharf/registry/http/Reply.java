package dev.wharf.registry.http;

import dev.wharf.common.Json;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.file.Path;

/** An answer: bytes in memory, or a region of a file sent without copying. */
public sealed interface Reply {
    HttpResponseStatus status();

    HttpHeaders headers();

    record Bytes(HttpResponseStatus status, HttpHeaders headers, byte[] body) implements Reply {
    }

    record FileRegion(HttpResponseStatus status, HttpHeaders headers, Path file, long offset, long length) implements Reply {
    }

    static Bytes empty(HttpResponseStatus status) {
        return new Bytes(status, new DefaultHttpHeaders(), new byte[0]);
    }

    static Bytes json(HttpResponseStatus status, Object value) {
        return json(status, value, "application/json");
    }

    static Bytes json(HttpResponseStatus status, Object value, String contentType) {
        HttpHeaders h = new DefaultHttpHeaders();
        h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        return new Bytes(status, h, Json.bytes(value));
    }

    static Bytes error(RegistryException e) {
        var root = Json.object();
        var err = root.putArray("errors").addObject();
        err.put("code", e.code().name()).put("message", e.code().message());
        err.put("detail", e.getMessage());
        Bytes b = json(e.status(), root);
        b.headers().add(e.headers());
        return b;
    }
}
