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
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import io.netty.util.AsciiString;

/**
 * The L7 handler of one client connection: routes each request, runs one {@link Exchange} at a time (pipelined
 * requests wait in a queue with reading paused), answers 404/503 itself, and after a 101 becomes a byte pipe.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter implements ClientConnection {
    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    private static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    private static final AsciiString HTTP = AsciiString.cached("http");
    private static final AsciiString HTTPS = AsciiString.cached("https");
    private final HttpListener listener;
    private final ProxyContext px;
    private final AsciiString proto;
    private Channel down;
    private InetAddress clientAddress;
    private String clientIp = "";
    private Exchange current;
    private ArrayDeque<Object> queued;
    private boolean pausedPipelining;
    private boolean pausedUpstream;
    private Channel tunnelPeer;
    private ServiceStats connService;
    private RequestTimer timer;
    boolean keepAlive;
    /** The current request came as HTTP/1.0 (it is forwarded as HTTP/1.1). */
    boolean http10;
    boolean closeAfterResponse;

    /** On an HTTP/2 stream: one request per channel, the stream's end ends it, no Connection headers. */
    private final boolean http2Stream;

    FrontendHandler(HttpListener listener, ProxyContext px, boolean tls, boolean http2Stream) {
        this.listener = listener;
        this.http2Stream = http2Stream;
        this.px = px;
        this.proto = tls ? HTTPS : HTTP;
    }

    /** No request in progress and no tunnel: safe to close when the listener goes away. */
    boolean idle() {
        return current == null && tunnelPeer == null && (queued == null || queued.isEmpty());
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
        down = ctx.channel();
        timer = new RequestTimer(down, px, () -> current);
        if (down.remoteAddress() instanceof InetSocketAddress a) {
            clientAddress = a.getAddress();
            clientIp = clientAddress == null ? a.getHostString() : clientAddress.getHostAddress();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (tunnelPeer != null) {
            if (msg instanceof ByteBuf b) {
                if (connService != null) {
                    connService.bytesIn.add(b.readableBytes());
                }
                tunnelPeer.write(b, tunnelPeer.voidPromise());
            } else {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        if ((queued != null && !queued.isEmpty()) || (current != null && msg instanceof HttpRequest)) {
            if (queued == null) {
                queued = new ArrayDeque<>();
            }
            queued.add(msg);
            if (!pausedPipelining) {
                pausedPipelining = true;
                updateRead();
            }
            return;
        }
        handle(msg);
    }

    private void handle(Object msg) {
        if (msg instanceof FullHttpRequest full) {
            // HTTP/2 streams without a body (or aggregated): split into head and last content like HTTP/1.1
            request(new DefaultHttpRequest(full.protocolVersion(), full.method(), full.uri(), full.headers()));
            LastHttpContent last = new DefaultLastHttpContent(full.content(), full.trailingHeaders());
            if (current != null && !current.done) {
                current.requestContent(last);
            } else {
                last.release();
            }
            return;
        }
        if (msg instanceof HttpRequest req) {
            if (http2Stream && !HttpUtil.isContentLengthSet(req)) {
                HttpUtil.setTransferEncodingChunked(req, true);
            }
            request(req);
        }
        if (msg instanceof HttpContent c) {
            if (current != null && !current.done) {
                current.requestContent(c);
            } else {
                c.release();
            }
        }
    }

    private void request(HttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            keepAlive = false;
            sendLocal(req, 400, "bad request\n");
            return;
        }
        keepAlive = HttpUtil.isKeepAlive(req) && !listener.closing();
        HttpHeaders h = req.headers();
        String hostHeader = h.get(HttpHeaderNames.HOST);
        RouteTable.Route route = listener.routes().match(hostHeader, req.uri());
        if (route == null) {
            sendLocal(req, 404, "no route for this host and path\n");
            return;
        }
        ClusterState cluster = pickCluster(px, route);
        if (cluster == null) {
            sendLocal(req, 503, "no backend for route " + route.name() + "\n");
            return;
        }
        if (connService != cluster.service) {
            if (connService != null) {
                connService.activeConnections.decrement();
            }
            connService = cluster.service;
            connService.activeConnections.increment();
        }
        if (HttpUtil.is100ContinueExpected(req)) {
            h.remove(HttpHeaderNames.EXPECT);
            down.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
        }
        boolean upgrade = !http2Stream && Headers.isTunnelUpgrade(h);
        Headers.stripHopByHop(h, upgrade);
        if (upgrade) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        } else {
            h.remove(Headers.HTTP2_SETTINGS);
        }
        String xff = h.get(X_FORWARDED_FOR);
        h.set(X_FORWARDED_FOR, xff == null ? clientIp : xff + ", " + clientIp);
        h.set(X_FORWARDED_PROTO, proto);
        if (hostHeader != null && !h.contains(X_FORWARDED_HOST)) {
            h.set(X_FORWARDED_HOST, hostHeader);
        }
        http10 = req.protocolVersion().minorVersion() == 0 && req.protocolVersion().majorVersion() == 1;
        req.setProtocolVersion(HttpVersion.HTTP_1_1);
        Exchange ex = new Exchange(this, px, req, upgrade, cluster, route.stats());
        current = ex;
        ex.start();
    }

    static ClusterState pickCluster(ProxyContext px, RouteTable.Route route) {
        String[] ids = route.clusterIds();
        if (ids.length == 0) {
            return null;
        }
        if (ids.length == 1) {
            return px.cluster(ids[0]);
        }
        int total = route.totalWeight();
        if (total <= 0) {
            return px.cluster(ids[0]);
        }
        int r = px.lb.nextInt(total);
        int[] cum = route.cumulativeWeights();
        for (int i = 0; i < cum.length; i++) {
            if (r < cum[i]) {
                return px.cluster(ids[i]);
            }
        }
        return px.cluster(ids[ids.length - 1]);
    }

    @Override
    public void armTimeout() {
        timer.arm();
    }

    void sendLocal(HttpRequest req, int code, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(code),
                Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        boolean close = !keepAlive || closeAfterResponse || req == null;
        if (http2Stream) {
            down.writeAndFlush(r);
        } else if (close) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            down.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        } else {
            down.writeAndFlush(r);
        }
    }

    /** The exchange is over (response written, not necessarily flushed): next queued request or close. */
    @Override
    public void exchangeDone(ProxiedRequest<?> ex) {
        if (current == ex) {
            current = null;
        }
        pausedUpstream = false;
        if (http2Stream) {
            down.flush();
            return;
        }
        if (!keepAlive || closeAfterResponse || listener.closing()) {
            down.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        while (current == null && queued != null && !queued.isEmpty()) {
            handle(queued.poll());
        }
        if (pausedPipelining && (queued == null || queued.isEmpty())) {
            pausedPipelining = false;
        }
        updateRead();
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
        boolean read = !pausedPipelining && !pausedUpstream && (current == null || !current.bodyPaused);
        if (down.config().isAutoRead() != read) {
            down.config().setAutoRead(read);
        }
    }

    /** The response broke off midway: the client cannot tell, so close. */
    @Override
    public void abort() {
        current = null;
        down.close();
    }

    void startTunnel(Channel up, UpstreamHandler h) {
        current = null;
        tunnelPeer = up;
        h.tunnel = this;
        if (down.pipeline().get(HttpServerCodec.class) != null) {
            down.pipeline().remove(HttpServerCodec.class);
        }
        if (up.pipeline().get(HttpClientCodec.class) != null) {
            up.pipeline().remove(HttpClientCodec.class);
        }
        down.flush();
        pausedPipelining = false;
        pausedUpstream = false;
        up.config().setAutoRead(down.isWritable());
        updateRead();
    }

    void tunnelWrite(ByteBuf b) {
        if (connService != null) {
            connService.bytesOut.add(b.readableBytes());
        }
        down.write(b, down.voidPromise());
    }

    void flushDownstream() {
        down.flush();
    }

    void peerWritabilityChanged(boolean writable) {
        upstreamWritable(writable);
    }

    void peerClosed() {
        down.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (tunnelPeer != null) {
            tunnelPeer.flush();
        } else if (current != null) {
            current.flushUpstream();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = down.isWritable();
        if (tunnelPeer != null) {
            tunnelPeer.config().setAutoRead(writable);
        } else if (current != null) {
            current.downstreamWritabilityChanged(writable);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        timer.cancel();
        if (current != null) {
            current.downstreamClosed();
            current = null;
        }
        if (tunnelPeer != null) {
            tunnelPeer.close();
        }
        if (queued != null) {
            queued.forEach(ReferenceCountUtil::release);
            queued.clear();
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
