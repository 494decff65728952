package dev.wharf.apiserver.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.util.Map;

/** Writes a response to a Netty channel: full with Content-Length, or chunked. Keep-alive is honoured. */
final class NettyResponder implements Responder {
    /** Set while a chunked response streams: reading resumes then, only to notice the client closing. */
    static final io.netty.util.AttributeKey<Boolean> STREAMING = io.netty.util.AttributeKey.valueOf("wharf.streaming");
    private final ChannelHandlerContext ctx;
    private final boolean keepAlive;
    private volatile boolean started;
    private volatile ChannelFuture last;

    NettyResponder(ChannelHandlerContext ctx, boolean keepAlive) {
        this.ctx = ctx;
        this.keepAlive = keepAlive;
    }

    @Override
    public void full(int status, String contentType, byte[] body, Map<String, String> headers) {
        if (started) {
            throw new IllegalStateException("response already started");
        }
        started = true;
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache, private");
        headers.forEach((k, v) -> {
            if (k.equalsIgnoreCase("Warning")) {
                for (String w : v.split("\n")) {
                    r.headers().add(k, w);
                }
            } else {
                r.headers().set(k, v);
            }
        });
        finish(r);
    }

    @Override
    public Stream stream(int status, String contentType) {
        if (started) {
            throw new IllegalStateException("response already started");
        }
        started = true;
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache, private");
        HttpUtil.setTransferEncodingChunked(r, true);
        if (keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        ctx.writeAndFlush(r);
        ctx.channel().attr(STREAMING).set(true);
        ctx.channel().config().setAutoRead(true);
        return new Stream() {
            private boolean closed;

            @Override
            public void write(byte[] chunk) throws IOException {
                ChannelFuture f = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk)));
                f.awaitUninterruptibly();
                if (!f.isSuccess()) {
                    throw new IOException("client went away", f.cause());
                }
            }

            @Override
            public boolean isOpen() {
                return ctx.channel().isActive();
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    ctx.channel().config().setAutoRead(false);
                    ctx.channel().attr(STREAMING).set(false);
                    ChannelFuture f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                    if (!keepAlive) {
                        f.addListener(ChannelFutureListener.CLOSE);
                    }
                    last = f;
                }
            }
        };
    }

    @Override
    public boolean started() {
        return started;
    }

    /** Waits until the response left (so the next request on the connection starts after it). */
    void awaitWritten() {
        ChannelFuture f = last;
        if (f != null) {
            f.awaitUninterruptibly();
        }
    }

    private void finish(FullHttpResponse r) {
        if (keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            last = ctx.writeAndFlush(r);
        } else {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            last = ctx.writeAndFlush(r);
            last.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
