package dev.wharf.gateway.http;

import dev.wharf.gateway.lb.ClusterState;
import dev.wharf.gateway.lb.EndpointState;
import dev.wharf.gateway.metrics.TrafficStats;
import dev.wharf.gateway.net.ProxyContext;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * One proxied request/response, confined to the downstream connection's event loop. It picks an endpoint, takes an
 * idle keep-alive connection or opens one, streams the request body up and the response down, and retries on
 * another endpoint after a connect failure or, for idempotent requests whose body it still holds, a connection lost
 * before any response byte (a dead pooled connection is always retried on a fresh one).
 */
final class Exchange {
    /** Request bodies up to this size are kept for a retry. */
    static final int RETAIN_LIMIT = 64 * 1024;

    private final FrontendHandler front;
    private final ProxyContext px;
    private final Channel down;
    final HttpRequest request;
    final boolean upgrade;
    private final boolean idempotent;
    private final ClusterState cluster;
    private final TrafficStats routeStats;
    private final long startNanos;
    final long deadlineNanos;

    private EndpointState endpoint;
    private boolean attemptOpen;
    private Channel upstream;
    private UpstreamHandler upHandler;
    private boolean reused;
    private boolean sent;
    private boolean forceFresh;
    private List<EndpointState> tried = List.of();
    private int retriesUsed;
    private int staleRetries;

    private final ArrayList<HttpContent> body = new ArrayList<>(0);
    private int bodyBytes;
    private boolean retainable;
    boolean requestDone;
    boolean bodyPaused;

    private boolean responseStarted;
    private boolean interim;
    private int status;
    private boolean upstreamKeepAlive;
    boolean done;

    Exchange(FrontendHandler front, ProxyContext px, HttpRequest request, boolean upgrade, ClusterState cluster,
             TrafficStats routeStats) {
        this.front = front;
        this.px = px;
        this.down = front.channel();
        this.request = request;
        this.upgrade = upgrade;
        this.cluster = cluster;
        this.routeStats = routeStats;
        HttpMethod m = request.method();
        this.idempotent = Headers.idempotent(m);
        this.retainable = idempotent;
        this.startNanos = px.options.clock().nanoTime();
        this.deadlineNanos = startNanos + px.requestTimeoutNanos;
        this.requestDone = request instanceof LastHttpContent;
    }

    void start() {
        cluster.service.activeRequests.increment();
        front.armTimeout();
        attempt();
    }

    private void attempt() {
        EndpointState e = cluster.pick(front.clientAddress(), tried);
        if (e == null) {
            fail(503, "no healthy endpoint for " + cluster.id + "\n");
            return;
        }
        endpoint = e;
        attemptOpen = true;
        sent = false;
        e.inFlight.incrementAndGet();
        e.stats.activeRequests.increment();
        Channel ch = forceFresh ? null : e.idle.poll(down.eventLoop());
        forceFresh = false;
        if (ch != null) {
            reused = true;
            bind(ch);
            send();
            return;
        }
        reused = false;
        EndpointState target = e;
        ChannelFuture f = px.upstreamBootstrap().clone(down.eventLoop()).handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel c) {
                // responses come from the service's own pods: their headers are not re-validated on the hot path
                c.pipeline().addLast(new HttpClientCodec(new io.netty.handler.codec.http.HttpDecoderConfig().setMaxInitialLineLength(8192).setMaxHeaderSize(65536).setMaxChunkSize(16384).setHeadersFactory(io.netty.handler.codec.http.DefaultHttpHeadersFactory.headersFactory().withValidation(false)), io.netty.handler.codec.http.HttpClientCodec.DEFAULT_PARSE_HTTP_AFTER_CONNECT_REQUEST, io.netty.handler.codec.http.HttpClientCodec.DEFAULT_FAIL_ON_MISSING_RESPONSE), new UpstreamHandler(target));
            }
        }).connect(e.socketAddress);
        f.addListener((ChannelFutureListener) cf -> {
            if (done || endpoint != target) {
                if (cf.isSuccess()) {
                    cf.channel().close();
                }
                return;
            }
            if (cf.isSuccess()) {
                bind(cf.channel());
                send();
            } else {
                connectFailed();
            }
        });
    }

    private void bind(Channel ch) {
        upstream = ch;
        upHandler = ch.pipeline().get(UpstreamHandler.class);
        upHandler.exchange = this;
        upHandler.flushTarget = down;
        ch.config().setAutoRead(down.isWritable());
    }

    private void send() {
        sent = true;
        upstream.write(request, upstream.voidPromise());
        for (HttpContent c : body) {
            upstream.write(retainable ? c.retainedDuplicate() : c, upstream.voidPromise());
        }
        if (!retainable) {
            body.clear();
        }
        upstream.flush();
        if (bodyPaused) {
            bodyPaused = false;
            front.updateRead();
        }
        front.upstreamWritable(upstream.isWritable());
    }

    void requestContent(HttpContent c) {
        int n = c.content().readableBytes();
        cluster.service.bytesIn.add(n);
        if (c instanceof LastHttpContent) {
            requestDone = true;
        }
        if (done) {
            c.release();
            return;
        }
        if (retainable && bodyBytes + n > RETAIN_LIMIT) {
            if (sent) {
                releaseBody(); // the retained copies: everything is written already
            }
            retainable = false;
        }
        if (sent) {
            if (retainable) {
                body.add(c);
                bodyBytes += n;
                upstream.write(c.retainedDuplicate(), upstream.voidPromise());
            } else {
                upstream.write(c, upstream.voidPromise());
            }
            return;
        }
        body.add(c);
        bodyBytes += n;
        if (bodyBytes > RETAIN_LIMIT && !bodyPaused) {
            bodyPaused = true;
            front.updateRead();
        }
    }

    void flushUpstream() {
        if (sent && upstream != null) {
            upstream.flush();
        }
    }

    void flushDownstream() {
        down.flush();
    }

    void upstreamWritabilityChanged(boolean writable) {
        front.upstreamWritable(writable);
    }

    void downstreamWritabilityChanged(boolean writable) {
        if (upstream != null) {
            upstream.config().setAutoRead(writable);
        }
    }

    void onResponse(HttpResponse r) {
        if (!r.decoderResult().isSuccess()) {
            cluster.reportFailure(endpoint);
            closeUpstream();
            if (responseStarted) {
                end(0);
                front.abort();
            } else {
                fail(502, "invalid response from upstream\n");
            }
            return;
        }
        int code = r.status().code();
        if (code >= 100 && code < 200 && code != 101) {
            interim = true;
            return;
        }
        responseStarted = true;
        status = code;
        if (code == 101 && upgrade) {
            upgradeToTunnel(r);
            return;
        }
        if (code >= 500) {
            cluster.reportFailure(endpoint);
        } else {
            cluster.reportSuccess(endpoint);
        }
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
            finish();
        }
    }

    private void upgradeToTunnel(HttpResponse r) {
        var full = new DefaultFullHttpResponse(r.protocolVersion(), r.status(), Unpooled.EMPTY_BUFFER, r.headers(),
                io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE);
        down.write(full);
        Channel up = upstream;
        UpstreamHandler h = upHandler;
        end(101);
        upstream = null;
        h.exchange = null;
        front.startTunnel(up, h);
    }

    private void finish() {
        Channel up = upstream;
        UpstreamHandler h = upHandler;
        boolean reusable = upstreamKeepAlive && requestDone && !endpoint.retired() && endpoint.healthy();
        EndpointState e = endpoint;
        end(status);
        upstream = null;
        h.exchange = null;
        if (!(reusable && up.isActive() && e.idle.offer(up, px.options.maxIdlePerEndpoint()))) {
            up.close();
        } else if (!up.config().isAutoRead()) {
            up.config().setAutoRead(true);
        }
        front.exchangeDone(this);
    }

    /** Counts the request as completed with {@code code}; idempotent. */
    private void end(int code) {
        if (done) {
            return;
        }
        done = true;
        long micros = (px.options.clock().nanoTime() - startNanos) / 1000;
        endAttempt();
        if (endpoint != null && code != 0) {
            endpoint.stats.completed(code, micros);
        }
        if (code != 0) {
            cluster.service.completed(code, micros);
            routeStats.completed(code, micros);
        }
        cluster.service.activeRequests.decrement();
        releaseBody();
    }

    private void endAttempt() {
        if (attemptOpen) {
            attemptOpen = false;
            endpoint.inFlight.decrementAndGet();
            endpoint.stats.activeRequests.decrement();
        }
    }

    private void releaseBody() {
        if (retainable || !sent) {
            for (HttpContent c : body) {
                c.release();
            }
        }
        body.clear();
        bodyBytes = 0;
    }

    private void addTried(EndpointState e) {
        if (tried.isEmpty()) {
            tried = new ArrayList<>(3);
        }
        tried.add(e);
    }

    private boolean mayRetry() {
        if (retriesUsed >= px.options.retries()) {
            return false;
        }
        retriesUsed++;
        cluster.service.retries.increment();
        endpoint.stats.retries.increment();
        return true;
    }

    private void connectFailed() {
        endpoint.stats.connectErrors.increment();
        cluster.service.connectErrors.increment();
        cluster.reportFailure(endpoint);
        endAttempt();
        addTried(endpoint);
        if (mayRetry()) {
            attempt();
        } else {
            fail(503, "upstream connect error\n");
        }
    }

    /** The upstream connection closed while this exchange owned it. */
    void upstreamLost(Channel ch) {
        if (done || ch != upstream) {
            return;
        }
        upstream = null;
        upHandler = null;
        if (responseStarted) {
            end(0);
            front.abort();
            return;
        }
        endAttempt();
        addTried(endpoint);
        boolean bodyIntact = retainable || !sent;
        if (idempotent && bodyIntact) {
            if (reused && staleRetries < 4) {
                staleRetries++;
                forceFresh = true;
                attempt();
                return;
            }
            cluster.reportFailure(endpoint);
            if (mayRetry()) {
                attempt();
                return;
            }
        } else if (!reused) {
            cluster.reportFailure(endpoint);
        }
        fail(502, "upstream connection closed before the response\n");
    }

    /** Request timeout (checked by the connection's single timer, see FrontendHandler#armTimeout). */
    void timeout() {
        if (done) {
            return;
        }
        if (responseStarted) {
            closeUpstream();
            end(0);
            front.abort();
        } else {
            fail(504, "upstream request timeout\n");
        }
    }

    /** The client went away. */
    void downstreamClosed() {
        if (!done) {
            closeUpstream();
            end(0);
        }
    }

    private void closeUpstream() {
        if (upstream != null) {
            upHandler.exchange = null;
            upstream.close();
            upstream = null;
        }
    }

    private void fail(int code, String message) {
        closeUpstream();
        end(code);
        front.sendLocal(request, code, message);
        front.exchangeDone(this);
    }
}
