package dev.wharf.gateway.http;

import dev.wharf.gateway.lb.ClusterState;
import dev.wharf.gateway.lb.EndpointState;
import dev.wharf.gateway.lb.IdlePool;
import dev.wharf.gateway.metrics.TrafficStats;
import dev.wharf.gateway.net.ProxyContext;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * A {@link ProxiedRequest} on the codec path: the request goes up as Netty HTTP objects through an
 * {@link HttpClientCodec} connection ({@link UpstreamHandler}), the response comes back as objects, is re-framed
 * for the client (HTTP/1.0 clients, bodies without a length) and a 101 turns the connection into a tunnel.
 */
final class Exchange extends ProxiedRequest<HttpContent> {
    private final FrontendHandler front;
    final HttpRequest request;
    final boolean upgrade;
    private UpstreamHandler upHandler;
    private boolean interim;
    private boolean upstreamKeepAlive;

    Exchange(FrontendHandler front, ProxyContext px, HttpRequest request, boolean upgrade, ClusterState cluster,
             TrafficStats routeStats) {
        super(front, px, front.channel(), Headers.idempotent(request.method()), request instanceof LastHttpContent, cluster,
                routeStats);
        this.front = front;
        this.request = request;
        this.upgrade = upgrade;
    }

    @Override
    IdlePool idlePool(EndpointState e) {
        return e.idle;
    }

    @Override
    void initUpstream(Channel c, EndpointState target) {
        // responses come from the service's own pods: their headers are not re-validated on the hot path
        c.pipeline().addLast(new HttpClientCodec(new HttpDecoderConfig().setMaxInitialLineLength(8192)
                .setMaxHeaderSize(65536).setMaxChunkSize(16384)
                .setHeadersFactory(DefaultHttpHeadersFactory.headersFactory().withValidation(false)),
                HttpClientCodec.DEFAULT_PARSE_HTTP_AFTER_CONNECT_REQUEST, HttpClientCodec.DEFAULT_FAIL_ON_MISSING_RESPONSE),
                new UpstreamHandler(target));
    }

    @Override
    void attachUpstreamHandler(Channel ch) {
        upHandler = ch.pipeline().get(UpstreamHandler.class);
        upHandler.exchange = this;
        upHandler.flushTarget = down;
    }

    @Override
    void detachUpstreamHandler() {
        if (upHandler != null) {
            upHandler.exchange = null;
            upHandler = null;
        }
    }

    @Override
    void writeRequestHead() {
        upstream.write(request, upstream.voidPromise());
    }

    @Override
    boolean flushOnSend() {
        return true;
    }

    @Override
    int readableBytes(HttpContent piece) {
        return piece.content().readableBytes();
    }

    @Override
    HttpContent retainedDuplicate(HttpContent piece) {
        return piece.retainedDuplicate();
    }

    @Override
    void answerLocally(int code, String text) {
        front.sendLocal(request, code, text);
        front.exchangeDone(this);
    }

    void requestContent(HttpContent c) {
        requestBody(c, c instanceof LastHttpContent);
    }

    void flushDownstream() {
        down.flush();
    }

    void onResponse(HttpResponse r) {
        if (!r.decoderResult().isSuccess()) {
            invalidResponse();
            return;
        }
        int code = r.status().code();
        if (code >= 100 && code < 200 && code != 101) {
            interim = true;
            return;
        }
        if (code == 101 && upgrade) {
            responseStarted = true;
            status = code;
            upgradeToTunnel(r);
            return;
        }
        responseStatus(code);
        upstreamKeepAlive = HttpUtil.isKeepAlive(r);
        Headers.stripHopByHop(r.headers(), false);
        boolean noBody = request.method() == HttpMethod.HEAD || code == 204 || code == 304;
        if (!noBody && !HttpUtil.isContentLengthSet(r) && !HttpUtil.isTransferEncodingChunked(r)) {
            if (!front.http10) {
                HttpUtil.setTransferEncodingChunked(r, true);
            } else {
                front.closeAfterResponse = true;
            }
        }
        if (front.http10 && HttpUtil.isTransferEncodingChunked(r)) {
            // an HTTP/1.0 client cannot read chunks: send the body raw and end it by closing
            r.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
            front.closeAfterResponse = true;
        }
        if (!front.keepAlive || front.closeAfterResponse) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (front.http10) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        down.write(r, down.voidPromise());
    }

    void onContent(HttpContent c) {
        if (interim) {
            c.release();
            if (c instanceof LastHttpContent) {
                interim = false;
            }
            return;
        }
        cluster.service.bytesOut.add(c.content().readableBytes());
        boolean last = c instanceof LastHttpContent;
        down.write(c, down.voidPromise());
        if (last) {
            finish(upstreamKeepAlive);
        }
    }

    private void upgradeToTunnel(HttpResponse r) {
        var full = new DefaultFullHttpResponse(r.protocolVersion(), r.status(), Unpooled.EMPTY_BUFFER, r.headers(),
                EmptyHttpHeaders.INSTANCE);
        down.write(full);
        Channel up = upstream;
        UpstreamHandler h = upHandler;
        end(101);
        upstream = null;
        h.exchange = null;
        front.startTunnel(up, h);
    }
}
