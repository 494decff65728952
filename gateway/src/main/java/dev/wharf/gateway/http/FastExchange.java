package dev.wharf.gateway.http;

import dev.wharf.gateway.lb.ClusterState;
import dev.wharf.gateway.lb.EndpointState;
import dev.wharf.gateway.metrics.TrafficStats;
import dev.wharf.gateway.net.ProxyContext;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Exchange} on the byte-level fast path: the request head (already rewritten) and its Content-Length body
 * go up as bytes over a raw upstream connection ({@link FastUpstream}), the response comes back as bytes. Same
 * rules: one event loop, idle connections per endpoint and loop, retries after a connect failure or, for
 * idempotent requests whose body it still holds, a connection lost before any response byte.
 */
final class FastExchange {
    private final FastFrontend front;
    private final ProxyContext px;
    private final Channel down;
    private final ByteBuf head;
    private final boolean idempotent;
    final boolean headRequest;
    private final ClusterState cluster;
    private final TrafficStats routeStats;
    private final long startNanos;
    final long deadlineNanos;

    private EndpointState endpoint;
    private boolean attemptOpen;
    private Channel upstream;
    private FastUpstream upHandler;
    private boolean reused;
    private boolean sent;
    private boolean forceFresh;
    private List<EndpointState> tried = List.of();
    private int retriesUsed;
    private int staleRetries;

    private ArrayList<ByteBuf> body;
    private int bodyBytes;
    private boolean retainable;
    private boolean requestDone;
    boolean bodyPaused;

    private boolean responseStarted;
    private int status;
    boolean done;

    FastExchange(FastFrontend front, ProxyContext px, ByteBuf head, boolean idempotent, boolean headRequest,
                 boolean requestDone, ClusterState cluster, TrafficStats routeStats) {
        this.front = front;
        this.px = px;
        this.down = front.channel();
        this.head = head;
        this.idempotent = idempotent;
        this.retainable = idempotent;
        this.headRequest = headRequest;
        this.requestDone = requestDone;
        this.cluster = cluster;
        this.routeStats = routeStats;
        this.startNanos = px.options.clock().nanoTime();
        this.deadlineNanos = startNanos + px.requestTimeoutNanos;
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
        Channel ch = forceFresh ? null : e.rawIdle.poll(down.eventLoop());
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
                c.pipeline().addLast(new FastUpstream(target));
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
        upHandler = ch.pipeline().get(FastUpstream.class);
        upHandler.start(this, down);
        ch.config().setAutoRead(down.isWritable());
    }

    private void send() {
        sent = true;
        // the head is kept for a retry: written whole the first time, as a fresh view of its bytes after that
        upstream.write(head.readerIndex() == 0 ? head.retain() : head.retainedSlice(0, head.writerIndex()),
                upstream.voidPromise());
        if (body != null) {
            for (ByteBuf c : body) {
                upstream.write(retainable ? c.retainedDuplicate() : c, upstream.voidPromise());
            }
            if (!retainable) {
                body.clear();
            }
        }
        if (!front.inRead()) {
            upstream.flush();
        }
        if (bodyPaused) {
            bodyPaused = false;
            front.updateRead();
        }
        front.upstreamWritable(upstream.isWritable());
    }

    /** A piece of the request body; {@code last} when the Content-Length is reached. */
    void requestBody(ByteBuf c, boolean last) {
        int n = c.readableBytes();
        cluster.service.bytesIn.add(n);
        if (last) {
            requestDone = true;
        }
        if (done) {
            c.release();
            return;
        }
        if (retainable && bodyBytes + n > Exchange.RETAIN_LIMIT) {
            if (sent) {
                releaseBody();
            }
            retainable = false;
        }
        if (body == null) {
            body = new ArrayList<>(2);
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
        if (bodyBytes > Exchange.RETAIN_LIMIT && !bodyPaused) {
            bodyPaused = true;
            front.updateRead();
        }
    }

    void flushUpstream() {
        if (sent && upstream != null) {
            upstream.flush();
        }
    }

    void upstreamWritabilityChanged(boolean writable) {
        front.upstreamWritable(writable);
    }

    void downstreamWritabilityChanged(boolean writable) {
        if (upstream != null) {
            upstream.config().setAutoRead(writable);
        }
    }

    boolean clientKeepAlive() {
        return front.keepAlive;
    }

    /** The (rewritten) response head: written, not flushed (the upstream read burst ends with a flush). */
    void onResponseHead(int code, ByteBuf rewritten) {
        responseStarted = true;
        status = code;
        if (code >= 500) {
            cluster.reportFailure(endpoint);
        } else {
            cluster.reportSuccess(endpoint);
        }
        down.write(rewritten, down.voidPromise());
    }

    void onBody(ByteBuf b) {
        cluster.service.bytesOut.add(b.readableBytes());
        down.write(b, down.voidPromise());
    }

    /** The response is complete; {@code reusable} if the upstream connection may carry another request. */
    void onResponseEnd(boolean upstreamKeepAlive) {
        Channel up = upstream;
        FastUpstream h = upHandler;
        boolean reusable = upstreamKeepAlive && requestDone && !endpoint.retired() && endpoint.healthy();
        EndpointState e = endpoint;
        end(status);
        upstream = null;
        h.exchange = null;
        if (!(reusable && up.isActive() && e.rawIdle.offer(up, px.options.maxIdlePerEndpoint()))) {
            up.close();
        } else if (!up.config().isAutoRead()) {
            up.config().setAutoRead(true);
        }
        front.exchangeDone(this);
    }

    /** An invalid response head (or broken chunk framing) from upstream. */
    void invalidResponse() {
        cluster.reportFailure(endpoint);
        closeUpstream();
        if (responseStarted) {
            end(0);
            front.abort();
        } else {
            fail(502, "invalid response from upstream\n");
        }
    }

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
        head.release();
    }

    private void endAttempt() {
        if (attemptOpen) {
            attemptOpen = false;
            endpoint.inFlight.decrementAndGet();
            endpoint.stats.activeRequests.decrement();
        }
    }

    private void releaseBody() {
        if (body == null) {
            return;
        }
        if (retainable || !sent) {
            for (ByteBuf c : body) {
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

    /** The upstream connection closed while this exchange owned it (and the response was not delimited by it). */
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
        front.sendLocal(code, message);
        front.exchangeDone(this);
    }
}
