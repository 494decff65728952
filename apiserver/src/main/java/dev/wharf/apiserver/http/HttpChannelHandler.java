package dev.wharf.apiserver.http;

import dev.wharf.common.Json;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands each request to a virtual thread. Reading from the connection pauses until the response is written, so
 * requests on a keep-alive connection are answered in order.
 */
final class HttpChannelHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = Logger.getLogger(HttpChannelHandler.class.getName());
    private final RequestHandler handler;
    private final Executor executor;

    HttpChannelHandler(RequestHandler handler, Executor executor) {
        this.handler = handler;
        this.executor = executor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        if (Boolean.TRUE.equals(ctx.channel().attr(NettyResponder.STREAMING).get())) {
            ctx.close(); // a request pipelined behind a watch or log stream: not supported
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(msg);
        NettyResponder responder = new NettyResponder(ctx, keepAlive);
        if (msg.decoderResult().isFailure()) {
            responder.full(400, "text/plain", "bad request\n".getBytes(StandardCharsets.UTF_8), Map.of("Connection", "close"));
            ctx.close();
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(msg.uri());
        HttpRequest request = new HttpRequest(msg.method().name(), uri.path(), uri.parameters(), msg.headers().copy(),
                ByteBufUtil.getBytes(msg.content()));
        ctx.channel().config().setAutoRead(false);
        executor.execute(() -> {
            try {
                handler.handle(request, responder);
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "request " + request.method() + " " + request.path() + " failed", t);
                if (!responder.started()) {
                    byte[] body = Json.bytes(Json.object().put("kind", "Status").put("apiVersion", "v1")
                            .put("status", "Failure").put("message", String.valueOf(t.getMessage()))
                            .put("reason", "InternalError").put("code", 500));
                    responder.full(500, "application/json", body, Map.of());
                } else {
                    ctx.close();
                }
            } finally {
                responder.awaitWritten();
                ctx.channel().config().setAutoRead(true);
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.FINE, "connection error", cause);
        ctx.close();
    }
}
