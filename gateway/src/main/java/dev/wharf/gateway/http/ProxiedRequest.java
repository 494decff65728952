package dev.wharf.gateway.http;

import dev.wharf.gateway.lb.ClusterState;
import dev.wharf.gateway.lb.EndpointState;
import dev.wharf.gateway.lb.IdlePool;
import dev.wharf.gateway.metrics.TrafficStats;
import dev.wharf.gateway.net.ProxyContext;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.util.ReferenceCounted;
import java.util.ArrayList;
import java.util.List;

/**
 * One proxied request/response, confined to the downstream connection's event loop; what the codec path
 * ({@link Exchange}) and the byte-level fast path ({@link FastExchange}) share. It picks an endpoint, takes an idle
 * keep-alive connection of this loop or opens one, streams the request body up (keeping up to
 * {@link #RETAIN_LIMIT} bytes of it for a retry), and retries on another endpoint after a connect failure or, for
 * idempotent requests whose body it still holds, a connection lost before any response byte (a dead pooled
 * connection is always retried on a fresh one). It counts the request once in the endpoint's, service's and
 * route's metrics, and returns a reusable upstream connection to the pool.
 *
 * @param <B> a piece of request body as the path reads it (an {@code HttpContent} or a {@code ByteBuf})
 */
abstract class ProxiedRequest<B extends ReferenceCounted> {
    /** Request bodies up to this size are kept for a retry. */
    static final int RETAIN_LIMIT = 64 * 1024;

    protected final ClientConnection client;
    protected final ProxyContext px;
    protected final Channel down;
    protected final ClusterState cluster;
    private final boolean idempotent;
    private final TrafficStats routeStats;
    private final long startNanos;
    final long deadlineNanos;

    protected EndpointState endpoint;
    private boolean attemptOpen;
    protected Channel upstream;
    private boolean reused;
    private boolean sent;
    private boolean forceFresh;
    private List<EndpointState> tried = List.of();
    private int retriesUsed;
    private int staleRetries;

    private ArrayList<B> body;
    private int bodyBytes;
    private boolean retainable;
    boolean requestDone;
    boolean bodyPaused;

    protected boolean responseStarted;
    protected int status;
    boolean done;

    ProxiedRequest(ClientConnection client, ProxyContext px, Channel down, boolean idempotent, boolean requestDone,
                   ClusterState cluster, TrafficStats routeStats) {
        this.client = client;
        this.px = px;
        this.down = down;
        this.idempotent = idempotent;
        this.retainable = idempotent;
        this.requestDone = requestDone;
        this.cluster = cluster;
        this.routeStats = routeStats;
        this.startNanos = px.options.clock().nanoTime();
        this.deadlineNanos = startNanos + px.requestTimeoutNanos;
    }

    // --- what differs between the two paths

    /** The idle connections of this path's kind (codec or raw) to {@code e}. */
    abstract IdlePool idlePool(EndpointState e);

    /** Sets up the pipeline of a new upstream connection to {@code target}. */
    abstract void initUpstream(Channel ch, EndpointState target);

    /** Makes this request the owner of the upstream connection {@code ch}'s handler. */
    abstract void attachUpstreamHandler(Channel ch);

    /** The upstream handler forgets this request (the connection is closed, pooled or turned into a tunnel). */
    abstract void detachUpstreamHandler();

    /** Writes the request head (request line and headers) to {@link #upstream}, without flushing. */
    abstract void writeRequestHead();

    /** Whether {@link #send} flushes at once (else the client connection's read-complete does). */
    abstract boolean flushOnSend();

    abstract int readableBytes(B piece);

    abstract B retainedDuplicate(B piece);

    /** Releases what the request holds beyond its body (the fast path's head bytes). */
    void releaseRequest() {
    }

    /** Answers with the gateway's own response and hands the connection to its next request. */
    abstract void answerLocally(int code, String text);

    // --- the shared life of a request

    final void start() {
        cluster.service.activeRequests.increment();
        client.armTimeout();
        attempt();
    }

    private void attempt() {
        EndpointState e = cluster.pick(client.clientAddress(), tried);
        if (e == null) {
            fail(503, "no healthy endpoint for " + cluster.id + "\n");
            return;
        }
        endpoint = e;
        attemptOpen = true;
        sent = false;
        e.inFlight.incrementAndGet();
        e.stats.activeRequests.increment();
        Channel ch = forceFresh ? null : idlePool(e).poll(down.eventLoop());
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
                initUpstream(c, target);
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
        attachUpstreamHandler(ch);
        ch.config().setAutoRead(down.isWritable());
    }

    private void send() {
        sent = true;
        writeRequestHead();
        if (body != null) {
            for (B c : body) {
                upstream.write(retainable ? retainedDuplicate(c) : c, upstream.voidPromise());
            }
            if (!retainable) {
                body.clear();
            }
        }
        if (flushOnSend()) {
            upstream.flush();
        }
        if (bodyPaused) {
            bodyPaused = false;
            client.updateRead();
        }
        client.upstreamWritable(upstream.isWritable());
    }

    /** A piece of the request body; {@code last} when it ends the body. */
    final void requestBody(B c, boolean last) {
        int n = readableBytes(c);
        cluster.service.bytesIn.add(n);
        if (last) {
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
        if (body == null) {
            body = new ArrayList<>(2);
        }
        if (sent) {
            if (retainable) {
                body.add(c);
                bodyBytes += n;
                upstream.write(retainedDuplicate(c), upstream.voidPromise());
            } else {
                upstream.write(c, upstream.voidPromise());
            }
            return;
        }
        body.add(c);
        bodyBytes += n;
        if (bodyBytes > RETAIN_LIMIT && !bodyPaused) {
            bodyPaused = true;
            client.updateRead();
        }
    }

    final void flushUpstream() {
        if (sent && upstream != null) {
            upstream.flush();
        }
    }

    final void upstreamWritabilityChanged(boolean writable) {
        client.upstreamWritable(writable);
    }

    final void downstreamWritabilityChanged(boolean writable) {
        if (upstream != null) {
            upstream.config().setAutoRead(writable);
        }
    }

    /** The response status is known: passive health of the endpoint. */
    final void responseStatus(int code) {
        responseStarted = true;
        status = code;
        if (code >= 500) {
            cluster.reportFailure(endpoint);
        } else {
            cluster.reportSuccess(endpoint);
        }
    }

    /** The response is complete; the upstream connection goes back to the pool if it may carry another request. */
    final void finish(boolean upstreamKeepAlive) {
        Channel up = upstream;
        boolean reusable = upstreamKeepAlive && requestDone && !endpoint.retired() && endpoint.healthy();
        EndpointState e = endpoint;
        end(status);
        upstream = null;
        detachUpstreamHandler();
        if (!(reusable && up.isActive() && idlePool(e).offer(up, px.options.maxIdlePerEndpoint()))) {
            up.close();
        } else if (!up.config().isAutoRead()) {
            up.config().setAutoRead(true);
        }
        client.exchangeDone(this);
    }

    /** An invalid response (head or framing) from upstream. */
    final void invalidResponse() {
        cluster.reportFailure(endpoint);
        closeUpstream();
        if (responseStarted) {
            end(0);
            client.abort();
        } else {
            fail(502, "invalid response from upstream\n");
        }
    }

    /** Counts the request as completed with {@code code} (0: not answered); idempotent. */
    protected final void end(int code) {
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
        releaseRequest();
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
            for (B c : body) {
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

    /** The upstream connection closed while this request owned it (and the response was not delimited by it). */
    final void upstreamLost(Channel ch) {
        if (done || ch != upstream) {
            return;
        }
        upstream = null;
        detachUpstreamHandler();
        if (responseStarted) {
            end(0);
            client.abort();
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

    /** Request timeout (checked by the connection's single timer). */
    final void timeout() {
        if (done) {
            return;
        }
        if (responseStarted) {
            closeUpstream();
            end(0);
            client.abort();
        } else {
            fail(504, "upstream request timeout\n");
        }
    }

    /** The client went away. */
    final void downstreamClosed() {
        if (!done) {
            closeUpstream();
            end(0);
        }
    }

    protected final void closeUpstream() {
        if (upstream != null) {
            detachUpstreamHandler();
            upstream.close();
            upstream = null;
        }
    }

    private void fail(int code, String message) {
        closeUpstream();
        end(code);
        answerLocally(code, message);
    }
}
