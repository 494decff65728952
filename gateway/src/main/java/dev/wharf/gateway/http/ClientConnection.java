package dev.wharf.gateway.http;

import java.net.InetAddress;

/** What a {@link ProxiedRequest} needs of the client connection it answers, on either path. */
interface ClientConnection {
    /** The client's address (zone preference, ClientIP affinity); null if unknown. */
    InetAddress clientAddress();

    /** Starts the connection's request timer if it is not running. */
    void armTimeout();

    /** Re-evaluates whether to read from the client (a request body paused or resumed). */
    void updateRead();

    /** The upstream connection's writability changed: stop or resume reading the client. */
    void upstreamWritable(boolean writable);

    /** The response broke off midway: the client cannot tell, so the connection closes. */
    void abort();

    /** The request is answered: the connection goes on with its next request, or closes. */
    void exchangeDone(ProxiedRequest<?> ex);
}
