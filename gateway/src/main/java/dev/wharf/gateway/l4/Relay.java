package dev.wharf.gateway.l4;

import dev.wharf.gateway.metrics.ServiceStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * One side of a TCP pipe: bytes read here are written to the peer, flushed once per read burst; reading pauses while
 * the peer cannot take more (backpressure); a FIN here becomes a shutdownOutput on the peer (half-close), and the
 * pipe closes when both directions have ended or either side resets.
 */
final class Relay extends ChannelInboundHandlerAdapter {
    private final ServiceStats stats;
    private final boolean downstream;
    Channel self;
    Channel peer;
    Relay peerRelay;
    boolean inputShut;
    Runnable onClose;

    Relay(ServiceStats stats, boolean downstream) {
        this.stats = stats;
        this.downstream = downstream;
    }

    void link(Channel self, Channel peer, Relay peerRelay) {
        this.self = self;
        this.peer = peer;
        this.peerRelay = peerRelay;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (peer == null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof ByteBuf b) {
            if (downstream) {
                stats.bytesIn.add(b.readableBytes());
            } else {
                stats.bytesOut.add(b.readableBytes());
            }
        }
        peer.write(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (peer != null) {
            peer.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (peer != null) {
            peer.config().setAutoRead(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputShut = true;
            if (peer == null) {
                ctx.close();
                return;
            }
            if (peerRelay != null && peerRelay.inputShut) {
                peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                ctx.close();
            } else if (peer instanceof DuplexChannel d) {
                peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> d.shutdownOutput());
            } else {
                peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (peer != null && peer.isActive()) {
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        if (onClose != null) {
            Runnable r = onClose;
            onClose = null;
            r.run();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
