package dev.wharf.gateway.http;

import dev.wharf.gateway.lb.ClusterState;
import dev.wharf.gateway.metrics.ServiceStats;
import dev.wharf.gateway.net.ProxyContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The first (and usually only) handler of a cleartext L7 connection: the byte-level HTTP/1.1 fast path. It finds
 * each request head in the received bytes, parses it strictly ({@link HttpHead}: smuggling attempts get 400),
 * routes it, and runs a {@link FastExchange} that sends the original head bytes minus hop-by-hop headers plus
 * X-Forwarded-* and the Content-Length body as slices. A request it does not handle itself (HTTP/1.0, Upgrade,
 * Expect, a chunked body, CONNECT, the HTTP/2 preface) hands the connection over, between requests, to the codec
 * path (H2cDetector, HttpServerCodec, FrontendHandler) with the unread bytes re-fired, for good.
 */
final class FastFrontend extends ChannelInboundHandlerAdapter implements ClientConnection {
    private final HttpListener listener;
    private final ProxyContext px;
    private final HttpHead head = new HttpHead();
    private Channel down;
    private ChannelHandlerContext ctx;
    private InetAddress clientAddress;
    private String clientIp = "";
    private ByteBuf cum;
    private long bodyRemaining;
    private FastExchange current;
    private boolean processing;
    private boolean inRead;
    private boolean closed;
    private boolean pausedUpstream;
    private ServiceStats connService;
    private RouteTable lastTable;
    private byte[] lastKey;
    private RouteTable.Route lastRoute;
    private RequestTimer timer;
    boolean keepAlive;

    FastFrontend(HttpListener listener, ProxyContext px) {
        this.listener = listener;
        this.px = px;
    }

    boolean idle() {
        return current == null && bodyRemaining == 0 && (cum == null || !cum.isReadable());
    }

    Channel channel() {
        return down;
    }

    @Override
    public InetAddress clientAddress() {
        return clientAddress;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        down = ctx.channel();
        timer = new RequestTimer(down, px, () -> current);
        if (down.remoteAddress() instanceof InetSocketAddress a) {
            clientAddress = a.getAddress();
            clientIp = clientAddress == null ? a.getHostString() : clientAddress.getHostAddress();
        }
    }

    /** Adds {@code in} to the cumulation {@code cum} (which may be null), copying only when it must. */
    static ByteBuf append(ChannelHandlerContext ctx, ByteBuf cum, ByteBuf in) {
        if (cum == null) {
            return in;
        }
        if (!cum.isReadable()) {
            cum.release();
            return in;
        }
        try {
            int n = in.readableBytes();
            if (cum.refCnt() == 1 && !cum.isReadOnly() && cum.maxWritableBytes() >= n
                    && cum.writableBytes() >= n) {
                cum.writeBytes(in);
                return cum;
            }
            ByteBuf next = ctx.alloc().directBuffer(Math.max(cum.readableBytes() + n, 4096));
            next.writeBytes(cum).writeBytes(in);
            cum.release();
            return next;
        } finally {
            in.release();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in) || closed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        cum = append(ctx, cum, in);
        inRead = true;
        try {
            process();
        } finally {
            inRead = false;
        }
    }

    /** In a read burst of the client connection: its read-complete flushes the upstream writes. */
    boolean inRead() {
        return inRead;
    }

    private void process() {
        if (processing) {
            return;
        }
        processing = true;
        try {
            while (cum != null && !closed) {
                if (bodyRemaining > 0) {
                    int n = (int) Math.min(bodyRemaining, cum.readableBytes());
                    if (n == 0) {
                        break;
                    }
                    ByteBuf part = cum.readRetainedSlice(n);
                    bodyRemaining -= n;
                    FastExchange ex = current;
                    if (ex != null && !ex.done) {
                        ex.requestBody(part, bodyRemaining == 0);
                    } else {
                        part.release();
                    }
                    continue;
                }
                if (!cum.isReadable() || current != null) {
                    break; // a pipelined request waits (reading paused) until the current one is answered
                }
                int r = head.parseRequest(cum);
                if (r == HttpHead.NEED_MORE) {
                    break;
                }
                if (r == HttpHead.BAD) {
                    keepAlive = false;
                    sendLocal(400, "bad request\n");
                    closed = true;
                    break;
                }
                if (r == HttpHead.FALLBACK) {
                    head.reset();
                    handOver();
                    return;
                }
                request();
                head.reset(); // after request(): it reads the head's bytes
            }
            if (cum != null && !cum.isReadable()) {
                cum.release();
                cum = null;
            }
        } finally {
            processing = false;
        }
        updateRead();
    }

    private void request() {
        ByteBuf b = cum;
        keepAlive = !head.connectionClose && !listener.closing();
        bodyRemaining = Math.max(0, head.contentLength);
        RouteTable table = listener.routes();
        RouteTable.Route route;
        if (table == lastTable && head.sameRouteKey(lastKey)) {
            route = lastRoute; // a keep-alive client asking for the same host and target again
        } else {
            route = table.match(head.host(), head.uri());
            lastTable = table;
            lastKey = head.routeKey();
            lastRoute = route;
        }
        if (route == null) {
            b.skipBytes(head.headLength);
            sendLocal(404, "no route for this host and path\n");
            return;
        }
        ClusterState cluster = FrontendHandler.pickCluster(px, route);
        if (cluster == null) {
            b.skipBytes(head.headLength);
            sendLocal(503, "no backend for route " + route.name() + "\n");
            return;
        }
        if (connService != cluster.service) {
            if (connService != null) {
                connService.activeConnections.decrement();
            }
            connService = cluster.service;
            connService.activeConnections.increment();
        }
        boolean idempotent = head.idempotent();
        boolean headRequest = head.methodIs("HEAD");
        ByteBuf up = head.upstreamHead(down.alloc(), clientIp, "http");
        b.skipBytes(head.headLength);
        FastExchange ex = new FastExchange(this, px, up, idempotent, headRequest, bodyRemaining == 0, cluster,
                route.stats());
        current = ex;
        ex.start();
    }

    /** Replaces this handler by the codec path and gives it the bytes not consumed yet. */
    private void handOver() {
        ChannelPipeline p = ctx.pipeline();
        FrontendHandler fh = new FrontendHandler(listener, px, false, false);
        p.addAfter(ctx.name(), "frontend", fh);
        p.addBefore("frontend", "http-codec", new HttpServerCodec(8192, 65536, 16384));
        p.addBefore("http-codec", "h2c-detector", new H2cDetector(() -> new FrontendHandler(listener, px, false,
                true)));
        if (connService != null) {
            connService.activeConnections.decrement();
            connService = null;
        }
        timer.cancel();
        ByteBuf rest = cum;
        cum = null;
        closed = true;
        p.remove(this);
        down.config().setAutoRead(true);
        ctx.fireChannelRead(rest);
        ctx.fireChannelReadComplete();
    }

    @Override
    public void armTimeout() {
        timer.arm();
    }

    /** A response of the gateway's own, closing the connection unless the client keeps it alive. */
    void sendLocal(int code, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        boolean close = !keepAlive;
        String head = "HTTP/1.1 " + code + " " + HttpResponseStatus.valueOf(code).reasonPhrase()
                + "\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: " + body.length + "\r\n"
                + (close ? "connection: close\r\n" : "") + "\r\n";
        ByteBuf out = down.alloc().buffer(head.length() + body.length);
        out.writeCharSequence(head, StandardCharsets.ISO_8859_1);
        out.writeBytes(body);
        if (close) {
            closed = true;
            down.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
        } else {
            down.writeAndFlush(out, down.voidPromise());
        }
    }

    /** The exchange is over (response written, not necessarily flushed): next pipelined request or close. */
    @Override
    public void exchangeDone(ProxiedRequest<?> ex) {
        if (current == ex) {
            current = null;
        }
        pausedUpstream = false;
        if (!keepAlive || listener.closing()) {
            closed = true;
            down.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (!processing && cum != null) {
            process();
            FastExchange next = current;
            if (next != null) {
                next.flushUpstream(); // a pipelined request's body: no read-complete of ours will flush it
            }
        } else {
            updateRead();
        }
    }

    @Override
    public void upstreamWritable(boolean writable) {
        if (pausedUpstream == writable) {
            pausedUpstream = !writable;
            updateRead();
        }
    }

    @Override
    public void updateRead() {
        if (closed) {
            return;
        }
        boolean pipelined = current != null && bodyRemaining == 0 && cum != null && cum.isReadable();
        boolean read = !pipelined && !pausedUpstream && (current == null || !current.bodyPaused);
        if (down.config().isAutoRead() != read) {
            down.config().setAutoRead(read);
        }
    }

    @Override
    public void abort() {
        current = null;
        closed = true;
        down.close();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        FastExchange ex = current;
        if (ex != null) {
            ex.flushUpstream();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        FastExchange ex = current;
        if (ex != null) {
            ex.downstreamWritabilityChanged(down.isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        timer.cancel();
        if (current != null) {
            current.downstreamClosed();
            current = null;
        }
        if (cum != null) {
            cum.release();
            cum = null;
        }
        if (connService != null) {
            connService.activeConnections.decrement();
            connService = null;
        }
        listener.connectionClosed(down);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
