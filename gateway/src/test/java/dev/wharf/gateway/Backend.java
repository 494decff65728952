package dev.wharf.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP backend for tests: answers its name; /status/NNN answers NNN; /echo echoes the body; /headers lists
 * request headers; /big/N streams N bytes chunked; /slow waits for {@link #release}; /ws is a WebSocket echo.
 * It counts connections and requests.
 */
final class Backend implements AutoCloseable {
    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    final String name;
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final Map<String, AtomicInteger> byPath = new ConcurrentHashMap<>();
    volatile int forcedStatus;
    volatile CountDownLatch slow = new CountDownLatch(1);
    final CountDownLatch slowArrived = new CountDownLatch(1);
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel server;

    Backend(String name) {
        this(name, 0);
    }

    Backend(String name, int port) {
        this.name = name;
        this.server = new ServerBootstrap().group(GROUP).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.incrementAndGet();
                        channels.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(16 << 20),
                                new WebSocketServerProtocolHandler("/ws"), new Handler());
                    }
                }).bind(new InetSocketAddress("127.0.0.1", port)).syncUninterruptibly().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Connections open now. */
    int openConnections() {
        return channels.size();
    }

    void release() {
        slow.countDown();
    }

    /** Kills the server and every open connection (like a deleted pod). */
    @Override
    public void close() {
        server.close().syncUninterruptibly();
        channels.close().syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<Object> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof TextWebSocketFrame f) {
                ctx.writeAndFlush(new TextWebSocketFrame(name + ":" + f.text()));
                return;
            }
            if (!(msg instanceof FullHttpRequest req)) {
                return;
            }
            requests.incrementAndGet();
            String path = req.uri();
            byPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (path.startsWith("/big/")) {
                int n = Integer.parseInt(path.substring(5));
                var head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                HttpUtil.setTransferEncodingChunked(head, true);
                ctx.write(head);
                byte[] chunk = new byte[8192];
                java.util.Arrays.fill(chunk, (byte) 'x');
                for (int sent = 0; sent < n; sent += chunk.length) {
                    ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk, 0, Math.min(chunk.length,
                            n - sent))));
                }
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                return;
            }
            if (path.startsWith("/slow")) {
                slowArrived.countDown();
                CountDownLatch latch = slow;
                FullHttpRequest kept = req.retain();
                Thread.ofVirtual().start(() -> {
                    try {
                        latch.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ctx.executor().execute(() -> {
                        respond(ctx, kept, 200, name + " slow", true);
                        kept.release();
                    });
                });
                return;
            }
            int status = forcedStatus != 0 ? forcedStatus : 200;
            String body = name;
            if (path.startsWith("/status/")) {
                status = Integer.parseInt(path.substring(8, 11));
            } else if (path.startsWith("/echo")) {
                body = req.content().toString(StandardCharsets.UTF_8);
            } else if (path.startsWith("/headers")) {
                StringBuilder sb = new StringBuilder();
                req.headers().forEach(h -> sb.append(h.getKey().toLowerCase()).append(": ").append(h.getValue())
                        .append('\n'));
                body = sb.toString();
            }
            respond(ctx, req, status, body, keepAlive);
        }

        private void respond(ChannelHandlerContext ctx, FullHttpRequest req, int status, String body,
                             boolean keepAlive) {
            ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
            var r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), content);
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
            r.headers().set("x-backend", name);
            if (!keepAlive) {
                r.headers().set(HttpHeaderNames.CONNECTION, "close");
                ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.writeAndFlush(r);
            }
        }
    }
}
