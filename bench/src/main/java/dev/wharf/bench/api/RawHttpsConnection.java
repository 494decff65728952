package dev.wharf.bench.api;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One keep-alive HTTPS/1.1 connection on a blocking {@link SSLSocket}: writes a request, reads the status line,
 * headers and a Content-Length or chunked body. Much cheaper per request than the JDK HttpClient, so that on a
 * 2-core machine the load generator takes less of the CPU the server needs.
 */
final class RawHttpsConnection implements AutoCloseable {
    private final SSLSocket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String hostHeader;
    private final String token;

    RawHttpsConnection(String url, String token, SSLContext tls) throws IOException {
        URI u = URI.create(url);
        this.socket = (SSLSocket) tls.getSocketFactory().createSocket(u.getHost(), u.getPort());
        socket.setTcpNoDelay(true);
        socket.startHandshake();
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.hostHeader = u.getHost() + ":" + u.getPort();
        this.token = token;
    }

    /** POSTs a JSON body and returns the status code (the body is read and dropped). */
    int post(String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n";
        ByteArrayOutputStream req = new ByteArrayOutputStream(head.length() + body.length);
        req.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        req.writeBytes(body);
        out.write(req.toByteArray());
        out.flush();
        return readResponse();
    }

    private int readResponse() throws IOException {
        String status = line();
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String h = line(); !h.isEmpty(); h = line()) {
            String lower = h.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long n = Long.parseLong(line().trim(), 16); n > 0; n = Long.parseLong(line().trim(), 16)) {
                skip(n);
                line();
            }
            line();
        } else if (length > 0) {
            skip(length);
        }
        return code;
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            long s = in.skip(n);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed in a body");
                }
                s = 1;
            }
            n -= s;
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
