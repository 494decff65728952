package dev.wharf.registry.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * On a plain-HTTP port, closes a connection that opens with a TLS record (skopeo tries TLS first, then falls
 * back to HTTP) instead of feeding the handshake to the HTTP decoder; otherwise steps aside.
 */
public final class PlainOnlyGate extends ByteToMessageDecoder {
    private static final int TLS_HANDSHAKE = 0x16;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        if (in.getUnsignedByte(in.readerIndex()) == TLS_HANDSHAKE) {
            in.skipBytes(in.readableBytes());
            ctx.close();
            return;
        }
        ctx.pipeline().remove(this);
    }
}
