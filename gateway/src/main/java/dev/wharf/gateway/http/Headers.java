package dev.wharf.gateway.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.List;

/** Hop-by-hop header handling (RFC 9110 §7.6.1): removed in both directions, except Upgrade on upgrades. */
final class Headers {
    private static final AsciiString KEEP_ALIVE = AsciiString.cached("keep-alive");
    private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");
    static final AsciiString HTTP2_SETTINGS = AsciiString.cached("http2-settings");

    private Headers() {
    }

    /** Removes hop-by-hop headers and those the Connection header names. Keeps Transfer-Encoding (we re-frame). */
    static void stripHopByHop(HttpHeaders h, boolean keepUpgrade) {
        String connection = h.get(HttpHeaderNames.CONNECTION);
        if (connection != null) {
            if (connection.indexOf(',') >= 0 || !isStandardToken(connection)) {
                for (String token : connection.split(",")) {
                    String t = token.trim();
                    if (!t.isEmpty() && !(keepUpgrade && t.equalsIgnoreCase("upgrade"))
                            && !t.equalsIgnoreCase("transfer-encoding")) {
                        h.remove(t);
                    }
                }
            }
            h.remove(HttpHeaderNames.CONNECTION);
        }
        if (h.isEmpty()) {
            return;
        }
        h.remove(KEEP_ALIVE);
        h.remove(PROXY_CONNECTION);
        h.remove(HttpHeaderNames.TE);
        h.remove(HttpHeaderNames.TRAILER);
        h.remove(HttpHeaderNames.PROXY_AUTHENTICATE);
        if (!keepUpgrade) {
            h.remove(HttpHeaderNames.UPGRADE);
        }
    }

    private static boolean isStandardToken(String v) {
        return HttpHeaderValues.KEEP_ALIVE.contentEqualsIgnoreCase(v)
                || HttpHeaderValues.CLOSE.contentEqualsIgnoreCase(v);
    }

    /** A WebSocket (or other non-h2c) upgrade request that we pass through as a tunnel after the 101. */
    static boolean isTunnelUpgrade(HttpHeaders h) {
        String upgrade = h.get(HttpHeaderNames.UPGRADE);
        return upgrade != null && !upgrade.regionMatches(true, 0, "h2c", 0, 3)
                && h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    }

    /** Methods retried on another endpoint after a connection is lost before the response (both paths). */
    static final List<String> IDEMPOTENT_METHODS = List.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    static boolean idempotent(io.netty.handler.codec.http.HttpMethod m) {
        return IDEMPOTENT_METHODS.contains(m.name());
    }
}
