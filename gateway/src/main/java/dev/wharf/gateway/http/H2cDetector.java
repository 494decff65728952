package dev.wharf.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import java.util.List;
import java.util.function.Supplier;

/**
 * First handler of a cleartext L7 connection: if the client opens with the HTTP/2 preface (prior knowledge), the
 * connection becomes HTTP/2 and every stream runs its own {@link FrontendHandler} over HTTP/1.1-shaped objects,
 * proxied upstream as HTTP/1.1; otherwise it steps aside for the HTTP/1.1 codec.
 */
final class H2cDetector extends ByteToMessageDecoder {
    private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();
    private final Supplier<FrontendHandler> streamHandlers;

    H2cDetector(Supplier<FrontendHandler> streamHandlers) {
        this.streamHandlers = streamHandlers;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int n = Math.min(in.readableBytes(), PREFACE.readableBytes());
        if (!ByteBufUtil.equals(in, in.readerIndex(), PREFACE, 0, n)) {
            ctx.pipeline().remove(this);
            return;
        }
        if (n < PREFACE.readableBytes()) {
            return;
        }
        ctx.pipeline().remove(HttpServerCodec.class);
        ctx.pipeline().remove(FrontendHandler.class);
        ctx.pipeline().addAfter(ctx.name(), "h2-frames", Http2FrameCodecBuilder.forServer().build());
        ctx.pipeline().addAfter("h2-frames", "h2-streams", new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel stream) {
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true), streamHandlers.get());
            }
        }));
        ctx.pipeline().remove(this);
    }
}
