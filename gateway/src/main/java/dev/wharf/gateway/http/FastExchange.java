package dev.wharf.gateway.http;

import dev.wharf.gateway.lb.ClusterState;
import dev.wharf.gateway.lb.EndpointState;
import dev.wharf.gateway.lb.IdlePool;
import dev.wharf.gateway.metrics.TrafficStats;
import dev.wharf.gateway.net.ProxyContext;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * A {@link ProxiedRequest} on the byte-level fast path: the request head (already rewritten) and its
 * Content-Length body go up as bytes over a raw upstream connection ({@link FastUpstream}), the response comes
 * back as bytes.
 */
final class FastExchange extends ProxiedRequest<ByteBuf> {
    private final FastFrontend front;
    private final ByteBuf head;
    final boolean headRequest;
    private FastUpstream upHandler;

    FastExchange(FastFrontend front, ProxyContext px, ByteBuf head, boolean idempotent, boolean headRequest,
                 boolean requestDone, ClusterState cluster, TrafficStats routeStats) {
        super(front, px, front.channel(), idempotent, requestDone, cluster, routeStats);
        this.front = front;
        this.head = head;
        this.headRequest = headRequest;
    }

    @Override
    IdlePool idlePool(EndpointState e) {
        return e.rawIdle;
    }

    @Override
    void initUpstream(Channel c, EndpointState target) {
        c.pipeline().addLast(new FastUpstream(target));
    }

    @Override
    void attachUpstreamHandler(Channel ch) {
        upHandler = ch.pipeline().get(FastUpstream.class);
        upHandler.start(this, down);
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
        // the head is kept for a retry: written whole the first time, as a fresh view of its bytes after that
        upstream.write(head.readerIndex() == 0 ? head.retain() : head.retainedSlice(0, head.writerIndex()),
                upstream.voidPromise());
    }

    @Override
    boolean flushOnSend() {
        return !front.inRead();
    }

    @Override
    int readableBytes(ByteBuf piece) {
        return piece.readableBytes();
    }

    @Override
    ByteBuf retainedDuplicate(ByteBuf piece) {
        return piece.retainedDuplicate();
    }

    @Override
    void releaseRequest() {
        head.release();
    }

    @Override
    void answerLocally(int code, String text) {
        front.sendLocal(code, text);
        front.exchangeDone(this);
    }

    boolean clientKeepAlive() {
        return front.keepAlive;
    }

    /** The (rewritten) response head: written, not flushed (the upstream read burst ends with a flush). */
    void onResponseHead(int code, ByteBuf rewritten) {
        responseStatus(code);
        down.write(rewritten, down.voidPromise());
    }

    void onBody(ByteBuf b) {
        cluster.service.bytesOut.add(b.readableBytes());
        down.write(b, down.voidPromise());
    }
}
