package dev.wharf.registry.http;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;

/** A request the registry refuses, answered in the spec's JSON error format. */
public final class RegistryException extends Exception {
    private final ErrorCode code;
    private final HttpResponseStatus status;
    private final transient HttpHeaders headers = new DefaultHttpHeaders();

    public RegistryException(ErrorCode code, String detail) {
        this(code, code.status(), detail);
    }

    public RegistryException(ErrorCode code, HttpResponseStatus status, String detail) {
        super(detail == null ? code.message() : detail, null, false, false);
        this.code = code;
        this.status = status;
    }

    public RegistryException header(CharSequence name, Object value) {
        headers.set(name, value);
        return this;
    }

    public ErrorCode code() {
        return code;
    }

    public HttpResponseStatus status() {
        return status;
    }

    public HttpHeaders headers() {
        return headers;
    }
}
