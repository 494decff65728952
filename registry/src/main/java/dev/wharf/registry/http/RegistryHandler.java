package dev.wharf.registry.http;

import dev.wharf.registry.auth.AccessControl.Identity;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedNioFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One connection's request loop. Bodies are not aggregated: each chunk goes to the exchange's {@link BodySink}
 * as it arrives (upload data straight to disk), and the answer is written when the last chunk is in. A refusal
 * known before the body (auth, unknown upload, wrong range) is answered at once and the connection closed, so a
 * client is not made to send 200 MB for nothing.
 */
public final class RegistryHandler extends SimpleChannelInboundHandler<HttpObject> {
    private static final System.Logger LOG = System.getLogger(RegistryHandler.class.getName());
    static final long LINGER_MILLIS = 2_000;
    private final RegistryApi api;
    private final Guard guard;
    private Exchange current;
    private RegistryException pending;
    private boolean keepAlive;
    private boolean discarding;

    public RegistryHandler(RegistryApi api) {
        this.api = api;
        this.guard = new Guard(api.context().access());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (msg instanceof HttpRequest req) {
            begin(ctx, req);
        }
        if (msg instanceof HttpContent content && !discarding) {
            if (pending == null && current != null && content.content().isReadable()) {
                try {
                    current.body().accept(content.content());
                } catch (RegistryException e) {
                    refuseNow(ctx, e);
                    return;
                } catch (IOException | RuntimeException e) {
                    refuseNow(ctx, internal(e));
                    return;
                }
            }
            if (content instanceof LastHttpContent) {
                finish(ctx);
            }
        }
    }

    private void begin(ChannelHandlerContext ctx, HttpRequest req) {
        current = null;
        pending = null;
        discarding = false;
        keepAlive = HttpUtil.isKeepAlive(req);
        if (req.decoderResult().isFailure()) {
            refuseNow(ctx, new RegistryException(ErrorCode.UNSUPPORTED, HttpResponseStatus.BAD_REQUEST, "malformed request"));
            return;
        }
        try {
            current = api.open(parse(ctx, req));
        } catch (RegistryException e) {
            pending = e;
        } catch (IOException | RuntimeException e) {
            pending = internal(e);
        }
        boolean hasBody = HttpUtil.isTransferEncodingChunked(req) || HttpUtil.getContentLength(req, 0L) > 0;
        if (pending != null && hasBody) {
            refuseNow(ctx, pending);
        }
    }

    private Request parse(ChannelHandlerContext ctx, HttpRequest req) throws RegistryException {
        QueryStringDecoder q = new QueryStringDecoder(req.uri());
        boolean tls = ctx.pipeline().get(SslHandler.class) != null;
        String configured = api.context().config().publicBaseUrl();
        String host = Optional.ofNullable(req.headers().get(HttpHeaderNames.HOST)).orElse("localhost");
        String baseUrl = configured != null ? configured : (tls ? "https://" : "http://") + host;
        Route route = Route.parse(q.path());
        if (route == null) {
            throw new RegistryException(ErrorCode.UNSUPPORTED, HttpResponseStatus.NOT_FOUND, "no such endpoint: " + q.path());
        }
        Identity id = api.context().access().identify(req.headers().get(HttpHeaderNames.AUTHORIZATION))
                .orElseThrow(() -> guard.challenge(ErrorCode.UNAUTHORIZED, baseUrl, null, false));
        return new Request(req.method(), route, q.parameters(), req.headers(), id, baseUrl);
    }

    private void finish(ChannelHandlerContext ctx) {
        Reply reply;
        if (pending != null || current == null) {
            reply = Reply.error(pending != null ? pending : internal(new IllegalStateException("no exchange")));
        } else {
            try {
                reply = current.finish().answer();
            } catch (RegistryException e) {
                reply = Reply.error(e);
            } catch (IOException | RuntimeException e) {
                reply = Reply.error(internal(e));
            }
        }
        current = null;
        pending = null;
        write(ctx, reply, !keepAlive);
    }

    private void refuseNow(ChannelHandlerContext ctx, RegistryException e) {
        if (current != null) {
            current.body().abort();
        }
        current = null;
        pending = null;
        discarding = true;
        write(ctx, Reply.error(e), true);
    }

    private static RegistryException internal(Exception e) {
        LOG.log(System.Logger.Level.WARNING, "registry request failed", e);
        return new RegistryException(ErrorCode.UNKNOWN, String.valueOf(e.getMessage()));
    }

    private void write(ChannelHandlerContext ctx, Reply reply, boolean close) {
        reply.headers().set("Docker-Distribution-API-Version", "registry/2.0");
        if (close) {
            reply.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ChannelFuture done;
        if (reply instanceof Reply.Bytes b) {
            var res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, b.status(), Unpooled.wrappedBuffer(b.body()));
            res.headers().set(b.headers());
            if (!res.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
                HttpUtil.setContentLength(res, b.body().length);
            }
            done = ctx.writeAndFlush(res);
        } else {
            Reply.FileRegion f = (Reply.FileRegion) reply;
            HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, f.status());
            res.headers().set(f.headers());
            HttpUtil.setContentLength(res, f.length());
            FileChannel fc;
            try {
                fc = FileChannel.open(f.file(), StandardOpenOption.READ);
            } catch (IOException e) {
                write(ctx, Reply.error(internal(e)), close);
                return;
            }
            ctx.write(res);
            if (ctx.pipeline().get(SslHandler.class) == null) {
                ctx.write(new DefaultFileRegion(fc, f.offset(), f.length()));
                done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            } else {
                try {
                    done = ctx.writeAndFlush(new HttpChunkedInput(new ChunkedNioFile(fc, f.offset(), f.length(), 1 << 16)));
                } catch (IOException e) {
                    ctx.close();
                    return;
                }
            }
        }
        if (close) {
            done.addListener((ChannelFutureListener) f -> lingeringClose(f.channel()));
        }
    }

    /**
     * Closes after the answer without losing it: closing a socket with unread request bytes (a refused 200 MB
     * upload still arriving) sends a reset that can discard the answer in the client's buffer before it reads it.
     * So, like nginx's lingering_close, the output is shut (the client sees the answer end), the rest of the body
     * is read and dropped, and the connection closes when the client does or after {@link #LINGER_MILLIS}.
     */
    private static void lingeringClose(Channel ch) {
        if (ch instanceof DuplexChannel duplex && ch.isActive() && !duplex.isOutputShutdown()) {
            duplex.shutdownOutput().addListener(f -> ch.eventLoop().schedule(() -> ch.close(), LINGER_MILLIS,
                    java.util.concurrent.TimeUnit.MILLISECONDS));
        } else {
            ch.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (current != null) {
            current.body().abort();
            current = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "registry connection error", cause);
        if (current != null) {
            current.body().abort();
            current = null;
        }
        ctx.close();
    }
}
