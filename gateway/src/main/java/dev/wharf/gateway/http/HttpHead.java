package dev.wharf.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * A byte-level HTTP/1.1 head (request or response), parsed from a heap copy of its bytes: the offsets of its lines
 * and the few facts the proxy needs, so the head can be forwarded as its original bytes with only the hop-by-hop
 * lines left out. One instance per connection, reused for every head (no allocation per request).
 * {@link #parseRequest} is strict about request smuggling; {@link #parseResponse} checks framing only (responses
 * come from the service's own pods).
 */
final class HttpHead {
    public static final int NEED_MORE = 0;
    public static final int OK = 1;
    /** Valid, but not for the fast path (HTTP/1.0, Upgrade, Expect, chunked body, CONNECT, HTTP/2 preface). */
    public static final int FALLBACK = 2;
    public static final int BAD = 3;
    /** Request line (8 KiB) plus header block (64 KiB), as the codec path allows. */
    public static final int MAX_HEAD = 8192 + 65536;

    static final int H_OTHER = 0, H_HOST = 1, H_CONTENT_LENGTH = 2, H_TRANSFER_ENCODING = 3, H_CONNECTION = 4,
            H_UPGRADE = 5, H_EXPECT = 6, H_KEEP_ALIVE = 7, H_PROXY_CONNECTION = 8, H_TE = 9, H_TRAILER = 10,
            H_PROXY_AUTHENTICATE = 11, H_HTTP2_SETTINGS = 12, H_XFF = 13, H_XFP = 14, H_XFH = 15;
    private static final byte[][] NAMES = names("", "host", "content-length", "transfer-encoding", "connection",
            "upgrade", "expect", "keep-alive", "proxy-connection", "te", "trailer", "proxy-authenticate",
            "http2-settings", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host");

    private static final byte[] HTTP11 = "HTTP/1.1".getBytes(StandardCharsets.US_ASCII);
    /** The known header ids by name length, so a name is compared with at most two candidates. */
    private static final int[][] BY_LENGTH = new int[19][];

    static {
        for (int n = 0; n < BY_LENGTH.length; n++) {
            final int len = n;
            BY_LENGTH[n] = java.util.stream.IntStream.range(1, NAMES.length).filter(id -> NAMES[id].length == len)
                    .toArray();
        }
    }

    private int scanned;
    /** The current head's bytes (offsets below are into this array). */
    private byte[] a = new byte[1024];
    /** Bytes of the head including its final empty line; valid after OK/FALLBACK. */
    public int headLength;
    /** Why the head was BAD (for tests and logs). */
    public String reason;
    int start;
    int firstLineEnd;
    int methodStart;
    int methodEnd;
    int uriStart;
    int uriEnd;
    /** Request: 1 for HTTP/1.1. Response: the minor version. */
    public int minorVersion;
    public int status;
    /** Content-Length, or -1. */
    public long contentLength;
    public boolean chunked;
    public boolean hasTransferEncoding;
    public boolean connectionClose;
    public boolean connectionKeepAlive;
    boolean connectionOptions;
    int count;
    int[] lineStart = new int[32];
    int[] lineEnd = new int[32];
    int[] valueStart = new int[32];
    int[] valueEnd = new int[32];
    int[] nameEnd = new int[32];
    byte[] ids = new byte[32];
    int host;
    int xff;
    boolean xfh;

    /** Forgets the search position: call after consuming a head (or when a new one starts). */
    public void reset() {
        scanned = 0;
        if (a.length > 16384) {
            a = new byte[1024]; // one huge head does not pin its copy for the connection's life
        }
    }

    /** Finds the end of the head from the reader index: its length, 0 if incomplete, -1 on a bare LF. */
    private int findEnd(ByteBuf b) {
        int r = b.readerIndex();
        int w = b.writerIndex();
        int from = r + scanned;
        while (from < w) {
            int lf = b.indexOf(from, w, (byte) '\n');
            if (lf < 0) {
                break;
            }
            if (lf == r || b.getByte(lf - 1) != '\r') {
                return -1;
            }
            if (lf - r >= 3 && b.getByte(lf - 2) == '\n') {
                return lf + 1 - r;
            }
            from = lf + 1;
        }
        scanned = from - r;
        return 0;
    }

    /**
     * Finds the head from the reader index and copies it into {@link #a} (parsing a heap array is cheaper than
     * checked reads of a direct buffer): its length, 0 if it is incomplete, -1 if it is BAD.
     */
    private int load(ByteBuf b) {
        int len = findEnd(b);
        if (len < 0) {
            bad("bare LF");
            return -1;
        }
        if (len == 0) {
            if (b.readableBytes() > MAX_HEAD) {
                bad("head too large");
                return -1;
            }
            return 0;
        }
        if (len > MAX_HEAD) {
            bad("head too large");
            return -1;
        }
        if (a.length < len) {
            a = new byte[Math.max(len, a.length * 2)];
        }
        b.getBytes(b.readerIndex(), a, 0, len);
        headLength = len;
        start = 0;
        return len;
    }

    /** Parses a request head starting at the reader index (the index does not move). */
    public int parseRequest(ByteBuf b) {
        if (b.isReadable() && (b.getByte(b.readerIndex()) == '\r' || b.getByte(b.readerIndex()) == '\n')) {
            return FALLBACK; // leading empty lines: the codec skips them
        }
        int len = load(b);
        if (len <= 0) {
            return len == 0 ? NEED_MORE : BAD;
        }
        byte[] a = this.a;
        int r = 0;
        int end = len;
        int i = r;
        methodStart = i;
        while (i < end && isTchar(a[i])) {
            i++;
        }
        if (i == methodStart || a[i] != ' ') {
            return bad("invalid method");
        }
        methodEnd = i++;
        uriStart = i;
        while (i < end && isTargetChar(a[i])) {
            i++;
        }
        if (i == uriStart || a[i] != ' ') {
            return bad("invalid request target");
        }
        uriEnd = i++;
        boolean fallback = false;
        if (i + 10 <= end && a[i + 8] == '\r' && a[i + 9] == '\n' && isHttp1(a, i)) {
            minorVersion = a[i + 7] - '0';
            if (minorVersion != 1) {
                fallback = true;
            }
        } else if (methodIs("PRI")) {
            return FALLBACK;
        } else {
            return bad("invalid version");
        }
        firstLineEnd = i + 10;
        if (!headers(a, firstLineEnd, end - 2, true)) {
            return BAD;
        }
        if (hasTransferEncoding) {
            if (contentLength >= 0) {
                return bad("both Content-Length and Transfer-Encoding");
            }
            if (!chunked) {
                return bad("Transfer-Encoding other than final chunked");
            }
            fallback = true;
        }
        if (fallback || methodIs("CONNECT") || methodIs("PRI")) {
            return FALLBACK;
        }
        for (int h = 0; h < count; h++) {
            int id = ids[h];
            if (id == H_UPGRADE || id == H_EXPECT || id == H_HTTP2_SETTINGS) {
                return FALLBACK;
            }
        }
        return OK;
    }

    /** Parses a response head; BAD when it is not HTTP/1.x or its framing is contradictory. */
    public int parseResponse(ByteBuf b) {
        int len = load(b);
        if (len <= 0) {
            return len == 0 ? NEED_MORE : BAD;
        }
        byte[] a = this.a;
        int r = 0;
        int end = len;
        if (len < 14 || !isHttp1(a, r) || a[r + 8] != ' ') {
            return bad("invalid status line");
        }
        minorVersion = a[r + 7] - '0';
        int s = 0;
        for (int i = r + 9; i < r + 12; i++) {
            byte c = a[i];
            if (c < '0' || c > '9') {
                return bad("invalid status");
            }
            s = s * 10 + c - '0';
        }
        byte after = a[r + 12];
        if (after != ' ' && after != '\r') {
            return bad("invalid status");
        }
        status = s;
        int lf = indexOf(a, r + 12, end, (byte) '\n');
        firstLineEnd = lf + 1;
        if (!headers(a, firstLineEnd, end - 2, false)) {
            return BAD;
        }
        if (hasTransferEncoding && (!chunked || contentLength >= 0)) {
            return bad("unsupported Transfer-Encoding");
        }
        return OK;
    }

    private static boolean isHttp1(byte[] a, int i) {
        return a[i] == 'H' && a[i + 1] == 'T' && a[i + 2] == 'T' && a[i + 3] == 'P'
                && a[i + 4] == '/' && a[i + 5] == '1' && a[i + 6] == '.'
                && (a[i + 7] == '0' || a[i + 7] == '1');
    }

    /** Header lines in [from, end) (end is the start of the final CRLF). */
    private boolean headers(byte[] a, int from, int end, boolean strict) {
        count = 0;
        contentLength = -1;
        chunked = false;
        hasTransferEncoding = false;
        connectionClose = false;
        connectionKeepAlive = false;
        connectionOptions = false;
        host = -1;
        xff = -1;
        xfh = false;
        int i = from;
        while (i < end) {
            int lineStartAt = i;
            byte first = a[i];
            if (first == ' ' || first == '\t') {
                bad("obs-fold");
                return false;
            }
            while (i < end && isTchar(a[i])) {
                i++;
            }
            if (i == lineStartAt || a[i] != ':') {
                byte c = a[i];
                bad(c == ' ' || c == '\t' ? "space before colon" : c == '\r' ? "bare CR or missing colon"
                        : i == lineStartAt ? "empty header name" : "invalid header name");
                if (strict || i == lineStartAt || c == '\r') {
                    return false;
                }
                int colon = indexOf(a, i, end, (byte) ':');
                if (colon < 0) {
                    return false;
                }
                i = colon;
            }
            int nameEndAt = i++;
            while (i < end && (a[i] == ' ' || a[i] == '\t')) {
                i++;
            }
            int vs = i;
            while (true) {
                byte c = a[i];
                if (c == '\r') {
                    break;
                }
                if (strict && ((c >= 0 && c < 0x20 && c != '\t') || c == 0x7f)) { // obs-text (0x80-0xff) is fine
                    bad("control character in value");
                    return false;
                }
                i++;
            }
            if (a[i + 1] != '\n') {
                bad("bare CR");
                return false;
            }
            int ve = i;
            while (ve > vs && (a[ve - 1] == ' ' || a[ve - 1] == '\t')) {
                ve--;
            }
            i += 2;
            if (!add(a, lineStartAt, i, nameEndAt, vs, ve)) {
                return false;
            }
        }
        return true;
    }

    private boolean add(byte[] a, int ls, int le, int ne, int vs, int ve) {
        if (count == ids.length) {
            int n = count * 2;
            lineStart = java.util.Arrays.copyOf(lineStart, n);
            lineEnd = java.util.Arrays.copyOf(lineEnd, n);
            nameEnd = java.util.Arrays.copyOf(nameEnd, n);
            valueStart = java.util.Arrays.copyOf(valueStart, n);
            valueEnd = java.util.Arrays.copyOf(valueEnd, n);
            ids = java.util.Arrays.copyOf(ids, n);
        }
        int id = id(a, ls, ne);
        int h = count++;
        lineStart[h] = ls;
        lineEnd[h] = le;
        nameEnd[h] = ne;
        valueStart[h] = vs;
        valueEnd[h] = ve;
        ids[h] = (byte) id;
        switch (id) {
            case H_HOST -> {
                if (host >= 0) {
                    bad("more than one Host");
                    return false;
                }
                host = h;
            }
            case H_CONTENT_LENGTH -> {
                long v = digits(a, vs, ve);
                if (v < 0) {
                    bad("invalid Content-Length");
                    return false;
                }
                if (contentLength >= 0 && contentLength != v) {
                    bad("differing Content-Length");
                    return false;
                }
                contentLength = v;
            }
            case H_TRANSFER_ENCODING -> {
                hasTransferEncoding = true;
                int comma = indexOf(a, ve, vs, (byte) ',');
                int ts = comma < 0 ? vs : comma + 1;
                while (ts < ve && (a[ts] == ' ' || a[ts] == '\t')) {
                    ts++;
                }
                chunked = equalsIgnoreCase(a, ts, ve, "chunked");
            }
            case H_CONNECTION -> connectionTokens(a, vs, ve);
            case H_XFF -> {
                if (xff < 0) {
                    xff = h;
                }
            }
            case H_XFH -> xfh = true;
            default -> {
            }
        }
        return true;
    }

    private void connectionTokens(byte[] a, int vs, int ve) {
        int i = vs;
        while (i < ve) {
            int comma = indexOf(a, i, ve, (byte) ',');
            int te = comma < 0 ? ve : comma;
            int ts = i;
            while (ts < te && (a[ts] == ' ' || a[ts] == '\t')) {
                ts++;
            }
            int e = te;
            while (e > ts && (a[e - 1] == ' ' || a[e - 1] == '\t')) {
                e--;
            }
            if (equalsIgnoreCase(a, ts, e, "close")) {
                connectionClose = true;
            } else if (equalsIgnoreCase(a, ts, e, "keep-alive")) {
                connectionKeepAlive = true;
            } else if (e > ts && !equalsIgnoreCase(a, ts, e, "upgrade")) {
                connectionOptions = true;
            }
            i = te + 1;
        }
    }

    /** True if header {@code h} must not be forwarded (hop-by-hop, or named by Connection). */
    boolean hopByHop(byte[] a, int h) {
        switch (ids[h]) {
            case H_CONNECTION, H_KEEP_ALIVE, H_PROXY_CONNECTION, H_TE, H_TRAILER, H_PROXY_AUTHENTICATE, H_UPGRADE,
                 H_HTTP2_SETTINGS -> {
                return true;
            }
            case H_TRANSFER_ENCODING, H_HOST, H_CONTENT_LENGTH -> {
                return false;
            }
            default -> {
                return connectionOptions && namedByConnection(a, h);
            }
        }
    }

    private boolean namedByConnection(byte[] a, int h) {
        int ns = lineStart[h];
        int ne = nameEnd[h];
        for (int c = 0; c < count; c++) {
            if (ids[c] != H_CONNECTION) {
                continue;
            }
            int i = valueStart[c];
            int ve = valueEnd[c];
            while (i < ve) {
                int comma = indexOf(a, i, ve, (byte) ',');
                int te = comma < 0 ? ve : comma;
                int ts = i;
                while (ts < te && (a[ts] == ' ' || a[ts] == '\t')) {
                    ts++;
                }
                int e = te;
                while (e > ts && (a[e - 1] == ' ' || a[e - 1] == '\t')) {
                    e--;
                }
                if (e - ts == ne - ns && regionEqualsIgnoreCase(a, ts, ns, e - ts)) {
                    return true;
                }
                i = te + 1;
            }
        }
        return false;
    }

    /**
     * The head to send upstream: the original request line and header lines minus hop-by-hop ones and
     * X-Forwarded-For/-Proto, then X-Forwarded-For (appended to the first one), -Proto, and -Host if absent.
     */
    ByteBuf upstreamHead(ByteBufAllocator alloc, String clientIp, String proto) {
        ByteBuf out = alloc.directBuffer(headLength + 96 + clientIp.length());
        out.writeBytes(a, start, firstLineEnd - start);
        for (int h = 0; h < count; h++) {
            int id = ids[h];
            if (id == H_XFF || id == H_XFP || hopByHop(a, h)) {
                continue;
            }
            copyLine(a, out, h);
        }
        out.writeCharSequence("x-forwarded-for: ", StandardCharsets.US_ASCII);
        if (xff >= 0) {
            out.writeBytes(a, valueStart[xff], valueEnd[xff] - valueStart[xff]);
            out.writeByte(',').writeByte(' ');
        }
        out.writeCharSequence(clientIp, StandardCharsets.US_ASCII);
        out.writeCharSequence("\r\nx-forwarded-proto: ", StandardCharsets.US_ASCII);
        out.writeCharSequence(proto, StandardCharsets.US_ASCII);
        out.writeByte('\r').writeByte('\n');
        if (host >= 0 && !xfh) {
            out.writeCharSequence("x-forwarded-host: ", StandardCharsets.US_ASCII);
            out.writeBytes(a, valueStart[host], valueEnd[host] - valueStart[host]);
            out.writeByte('\r').writeByte('\n');
        }
        out.writeByte('\r').writeByte('\n');
        return out;
    }

    /**
     * The response head to send downstream: status line (as HTTP/1.1, the version the gateway speaks to the
     * client) and header lines minus hop-by-hop ones, then the
     * Transfer-Encoding (a response without a length is re-framed chunked) and Connection the proxy decided on.
     */
    ByteBuf downstreamHead(ByteBufAllocator alloc, boolean close, boolean reframe) {
        ByteBuf out = alloc.directBuffer(headLength + 48);
        out.writeBytes(HTTP11).writeBytes(a, start + 8, firstLineEnd - start - 8); // our version, their status
        for (int h = 0; h < count; h++) {
            if (!hopByHop(a, h)) {
                copyLine(a, out, h);
            }
        }
        if (reframe) {
            out.writeCharSequence("transfer-encoding: chunked\r\n", StandardCharsets.US_ASCII);
        }
        if (close) {
            out.writeCharSequence("connection: close\r\n", StandardCharsets.US_ASCII);
        }
        out.writeByte('\r').writeByte('\n');
        return out;
    }

    private void copyLine(byte[] a, ByteBuf out, int h) {
        out.writeBytes(a, lineStart[h], lineEnd[h] - lineStart[h]);
    }

    /** True if this head's Host value and target equal {@code key} as written by {@link #routeKey}. */
    boolean sameRouteKey(byte[] key) {
        int hs = host < 0 ? 0 : valueStart[host];
        int hl = host < 0 ? -1 : valueEnd[host] - hs;
        int ul = uriEnd - uriStart;
        int n = 4 + Math.max(hl, 0) + ul;
        if (key == null || key.length != n || key[0] != (byte) (hl >> 8) || key[1] != (byte) hl
                || key[2] != (byte) (ul >> 8) || key[3] != (byte) ul) {
            return false;
        }
        return (hl <= 0 || java.util.Arrays.equals(a, hs, hs + hl, key, 4, 4 + hl))
                && java.util.Arrays.equals(a, uriStart, uriEnd, key, 4 + Math.max(hl, 0), n);
    }

    /** The Host value and target as one array (lengths first), to recognise the same request line next time. */
    byte[] routeKey() {
        int hs = host < 0 ? 0 : valueStart[host];
        int hl = host < 0 ? -1 : valueEnd[host] - hs;
        int ul = uriEnd - uriStart;
        if (hl > 0x7fff || ul > 0x7fff) {
            return null;
        }
        byte[] key = new byte[4 + Math.max(hl, 0) + ul];
        key[0] = (byte) (hl >> 8);
        key[1] = (byte) hl;
        key[2] = (byte) (ul >> 8);
        key[3] = (byte) ul;
        if (hl > 0) {
            System.arraycopy(a, hs, key, 4, hl);
        }
        System.arraycopy(a, uriStart, key, 4 + Math.max(hl, 0), ul);
        return key;
    }

    public String method() {
        return new String(a, methodStart, methodEnd - methodStart, StandardCharsets.ISO_8859_1);
    }

    public boolean methodIs(String m) {
        return methodEnd - methodStart == m.length() && regionEquals(a, methodStart, m);
    }

    /** The method is one of {@link Headers#IDEMPOTENT_METHODS} (retried after a lost connection). */
    boolean idempotent() {
        for (String m : Headers.IDEMPOTENT_METHODS) {
            if (methodIs(m)) {
                return true;
            }
        }
        return false;
    }

    public String uri() {
        return new String(a, uriStart, uriEnd - uriStart, StandardCharsets.ISO_8859_1);
    }

    /** The Host value, or null. */
    public String host() {
        return host < 0 ? null : value(host);
    }

    String value(int h) {
        return new String(a, valueStart[h], valueEnd[h] - valueStart[h], StandardCharsets.ISO_8859_1);
    }

    private static boolean regionEquals(byte[] a, int at, String s) {
        for (int k = 0; k < s.length(); k++) {
            if (a[at + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean regionEqualsIgnoreCase(byte[] a, int x, int y, int n) {
        for (int k = 0; k < n; k++) {
            if ((a[x + k] | 0x20) != (a[y + k] | 0x20)) {
                return false;
            }
        }
        return true;
    }

    static boolean equalsIgnoreCase(byte[] a, int s, int e, String lower) {
        if (e - s != lower.length()) {
            return false;
        }
        for (int k = 0; k < lower.length(); k++) {
            if ((a[s + k] | 0x20) != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static long digits(byte[] a, int s, int e) {
        if (e <= s || e - s > 18) {
            return -1;
        }
        long v = 0;
        for (int i = s; i < e; i++) {
            byte c = a[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int id(byte[] a, int s, int e) {
        int n = e - s;
        if (n < 2 || n >= BY_LENGTH.length) {
            return H_OTHER;
        }
        byte c = (byte) (a[s] | 0x20);
        for (int id : BY_LENGTH[n]) {
            byte[] name = NAMES[id];
            if (name[0] == c && matches(a, s, name)) {
                return id;
            }
        }
        return H_OTHER;
    }

    private static boolean matches(byte[] a, int s, byte[] name) {
        for (int k = 1; k < name.length; k++) {
            if ((a[s + k] | 0x20) != name[k]) {
                return false;
            }
        }
        return true;
    }

    private int bad(String why) {
        reason = why;
        return BAD;
    }

    /** Like {@link ByteBuf#indexOf}: forward in [from, to), or backward from {@code from} (exclusive) to {@code to}. */
    private static int indexOf(byte[] a, int from, int to, byte v) {
        if (from <= to) {
            for (int i = from; i < to; i++) {
                if (a[i] == v) {
                    return i;
                }
            }
        } else {
            for (int i = from - 1; i >= to; i--) {
                if (a[i] == v) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static boolean isTargetChar(byte c) {
        return c > 0x20 && c != 0x7f || c < 0; // raw UTF-8 in a target is tolerated, as the codec does
    }

    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    static boolean isTchar(byte c) {
        return c >= 0 && TCHAR[c];
    }

    private static byte[][] names(String... names) {
        byte[][] out = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            out[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }
}
