package dev.wharf.apiserver.http;

import java.util.Map;

/** How a handler answers: once in full (with Content-Length), or as a chunked stream. */
public interface Responder {
    void full(int status, String contentType, byte[] body, Map<String, String> headers);

    /** Starts a chunked response; write chunks, then close. */
    Stream stream(int status, String contentType);

    /** True once a response was started. */
    boolean started();

    interface Stream extends AutoCloseable {
        /** Writes and flushes a chunk; waits until it is written. Throws when the client went away. */
        void write(byte[] chunk) throws java.io.IOException;

        boolean isOpen();

        @Override
        void close();
    }
}
