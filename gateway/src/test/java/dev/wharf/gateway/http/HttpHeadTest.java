package dev.wharf.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpHeadTest {
    private static final String GET = "GET /a/b?c=d HTTP/1.1\r\nHost: web.test\r\nAccept: */*\r\n\r\n";

    private static ByteBuf buf(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    private static int parse(String s) {
        HttpHead h = new HttpHead();
        ByteBuf b = buf(s);
        try {
            return h.parseRequest(b);
        } finally {
            b.release();
        }
    }

    @Test
    void parsesTheRequestLineAndTheHeadersTheProxyNeeds() {
        HttpHead h = new HttpHead();
        ByteBuf b = buf(GET + "next");
        assertThat(h.parseRequest(b)).isEqualTo(HttpHead.OK);
        assertThat(h.headLength).isEqualTo(GET.length());
        assertThat(h.method()).isEqualTo("GET");
        assertThat(h.uri()).isEqualTo("/a/b?c=d");
        assertThat(h.host()).isEqualTo("web.test");
        assertThat(h.contentLength).isEqualTo(-1);
        assertThat(h.connectionClose).isFalse();
        assertThat(b.readerIndex()).isZero();
        b.release();
    }

    @Test
    void everySplitOfTheHeadGivesTheSameResult() {
        String req = "POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc";
        byte[] bytes = req.getBytes(StandardCharsets.ISO_8859_1);
        int headLen = req.indexOf("abc");
        for (int split = 0; split <= bytes.length; split++) {
            HttpHead h = new HttpHead();
            ByteBuf b = Unpooled.buffer();
            b.writeBytes(bytes, 0, split);
            int r = h.parseRequest(b);
            if (split < headLen) {
                assertThat(r).as("split at %d", split).isEqualTo(HttpHead.NEED_MORE);
                b.writeBytes(bytes, split, bytes.length - split);
                r = h.parseRequest(b);
            }
            assertThat(r).as("split at %d", split).isEqualTo(HttpHead.OK);
            assertThat(h.headLength).isEqualTo(headLen);
            assertThat(h.contentLength).isEqualTo(3);
            assertThat(h.connectionClose).isTrue();
            b.release();
        }
        // byte by byte
        HttpHead h = new HttpHead();
        ByteBuf b = Unpooled.buffer();
        int r = HttpHead.NEED_MORE;
        for (int i = 0; i < headLen; i++) {
            assertThat(r).isEqualTo(HttpHead.NEED_MORE);
            b.writeByte(bytes[i]);
            r = h.parseRequest(b);
        }
        assertThat(r).isEqualTo(HttpHead.OK);
        b.release();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3, 3\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: +3\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0x10\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length:\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: xchunked\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n folded\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n\tfolded\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\r\nX-A\r: 1\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\rX-B: 2\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\nX-A: 1\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n\n",
            "GET / HTTP/1.1\r\nHost: h\r\nX(A): 1\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\r\nX A: 1\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\r\nX-A : 1\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding : chunked\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\r\n: 1\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\r\nX-A 1\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\r\nX-A: a\u0000b\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\r\nX-A: a\u007fb\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            "G(T / HTTP/1.1\r\nHost: h\r\n\r\n",
            "GET  / HTTP/1.1\r\nHost: h\r\n\r\n",
            "GET /a b HTTP/1.1\r\nHost: h\r\n\r\n",
            "GET / HTTP/1.1 \r\nHost: h\r\n\r\n",
            "GET / http/1.1\r\nHost: h\r\n\r\n",
            "GET / HTTP/2.0\r\nHost: h\r\n\r\n",
            "GET /\r\n\r\n",
    })
    void smugglingAndMalformedHeadsAreRejected(String head) {
        assertThat(parse(head)).as(head).isEqualTo(HttpHead.BAD);
    }

    @Test
    void obsTextInValuesAndRawUtf8InTargetsAreAccepted() {
        assertThat(parse("GET /caf\u00e9 HTTP/1.1\r\nHost: h\r\nX-A: caf\u00e9\r\n\r\n")).isEqualTo(HttpHead.OK);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "GET / HTTP/1.0\r\nHost: h\r\n\r\n",
            "GET /ws HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AA\r\n\r\n",
            "PUT / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
            "CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n\r\n",
            "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
            "\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n",
    })
    void unusualRequestsGoToTheCodecPath(String head) {
        assertThat(parse(head)).as(head).isEqualTo(HttpHead.FALLBACK);
    }

    @Test
    void routeKeyRecognisesOnlyTheSameHostAndTarget() {
        HttpHead h = new HttpHead();
        ByteBuf b = buf("GET /a HTTP/1.1\r\nHost: x.test\r\n\r\n");
        assertThat(h.parseRequest(b)).isEqualTo(HttpHead.OK);
        byte[] key = h.routeKey();
        assertThat(h.sameRouteKey(key)).isTrue();
        b.release();
        for (String other : new String[] {"GET /b HTTP/1.1\r\nHost: x.test\r\n\r\n",
                "GET /a HTTP/1.1\r\nHost: y.test\r\n\r\n", "GET /a HTTP/1.1\r\n\r\n",
                "GET /a HTTP/1.1\r\nHost: \r\n\r\n", "GET x.test/a HTTP/1.1\r\nHost: \r\n\r\n",
                "GET /ax HTTP/1.1\r\nHost: x.test\r\n\r\n"}) {
            ByteBuf o = buf(other);
            assertThat(h.parseRequest(o)).isEqualTo(HttpHead.OK);
            assertThat(h.sameRouteKey(key)).as(other).isFalse();
            o.release();
        }
        ByteBuf same = buf("POST /a HTTP/1.1\r\nX: 1\r\nHost: x.test\r\nContent-Length: 0\r\n\r\n");
        assertThat(h.parseRequest(same)).isEqualTo(HttpHead.OK);
        assertThat(h.sameRouteKey(key)).isTrue();
        same.release();
    }

    @Test
    void anOversizedHeadIsRejectedWithoutItsEnd() {
        assertThat(parse("GET / HTTP/1.1\r\nX-A: " + "a".repeat(HttpHead.MAX_HEAD))).isEqualTo(HttpHead.BAD);
        assertThat(parse("GET / HTTP/1.1\r\nX-A: " + "a".repeat(1000))).isEqualTo(HttpHead.NEED_MORE);
    }

    @Test
    void upstreamHeadDropsHopByHopAndAddsForwardedHeaders() {
        HttpHead h = new HttpHead();
        ByteBuf b = buf("GET /h HTTP/1.1\r\nHost: shop.test:8080\r\nConnection: keep-alive, X-Secret\r\n"
                + "X-Secret: 1\r\nKeep-Alive: timeout=5\r\nX-Forwarded-For: 10.9.9.9\r\nTE: trailers\r\n"
                + "X-Forwarded-Proto: https\r\nProxy-Connection: x\r\nTrailer: x\r\nAccept: */*\r\n\r\n");
        assertThat(h.parseRequest(b)).isEqualTo(HttpHead.OK);
        ByteBuf out = h.upstreamHead(ByteBufAllocator.DEFAULT, "127.0.0.1", "http");
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("GET /h HTTP/1.1\r\nHost: shop.test:8080\r\n"
                + "Accept: */*\r\nx-forwarded-for: 10.9.9.9, 127.0.0.1\r\nx-forwarded-proto: http\r\n"
                + "x-forwarded-host: shop.test:8080\r\n\r\n");
        out.release();
        b.release();
        HttpHead h2 = new HttpHead();
        ByteBuf b2 = buf("GET / HTTP/1.1\r\nhost: a\r\nX-Forwarded-Host: orig\r\n\r\n");
        assertThat(h2.parseRequest(b2)).isEqualTo(HttpHead.OK);
        ByteBuf out2 = h2.upstreamHead(ByteBufAllocator.DEFAULT, "10.0.0.1", "http");
        assertThat(out2.toString(StandardCharsets.ISO_8859_1)).isEqualTo("GET / HTTP/1.1\r\nhost: a\r\n"
                + "X-Forwarded-Host: orig\r\nx-forwarded-for: 10.0.0.1\r\nx-forwarded-proto: http\r\n\r\n");
        out2.release();
        b2.release();
    }

    @Test
    void responseHeadGivesStatusFramingAndKeepAlive() {
        HttpHead h = new HttpHead();
        ByteBuf b = buf("HTTP/1.1 200 OK\r\nServer: x\r\nContent-Length: 23\r\nConnection: keep-alive\r\n"
                + "Keep-Alive: timeout=5\r\n\r\nbody");
        assertThat(h.parseResponse(b)).isEqualTo(HttpHead.OK);
        assertThat(h.status).isEqualTo(200);
        assertThat(h.contentLength).isEqualTo(23);
        assertThat(h.connectionClose).isFalse();
        ByteBuf out = h.downstreamHead(ByteBufAllocator.DEFAULT, true, false);
        assertThat(out.toString(StandardCharsets.ISO_8859_1))
                .isEqualTo("HTTP/1.1 200 OK\r\nServer: x\r\nContent-Length: 23\r\nconnection: close\r\n\r\n");
        out.release();
        b.release();
        for (String bad : new String[] {"NOT-HTTP garbage\r\n\r\n", "HTTP/1.1 2x0 OK\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n"}) {
            ByteBuf g = buf(bad);
            assertThat(new HttpHead().parseResponse(g)).as(bad).isEqualTo(HttpHead.BAD);
            g.release();
        }
        HttpHead c = new HttpHead();
        ByteBuf chunked = buf("HTTP/1.0 204\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n");
        assertThat(c.parseResponse(chunked)).isEqualTo(HttpHead.OK);
        assertThat(c.status).isEqualTo(204);
        assertThat(c.minorVersion).isZero();
        assertThat(c.chunked).isTrue();
        assertThat(c.connectionKeepAlive).isTrue();
        ByteBuf out10 = c.downstreamHead(ByteBufAllocator.DEFAULT, false, false);
        assertThat(out10.toString(StandardCharsets.ISO_8859_1))
                .isEqualTo("HTTP/1.1 204\r\nTransfer-Encoding: chunked\r\n\r\n");
        out10.release();
        chunked.release();
    }
}
