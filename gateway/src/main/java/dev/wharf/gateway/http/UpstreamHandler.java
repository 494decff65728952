package dev.wharf.gateway.http;

import dev.wharf.gateway.lb.EndpointState;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of an upstream connection: hands responses to the exchange that owns the connection now; when
 * idle (pooled) it only notices the connection closing. After a 101 it relays raw bytes to the tunnel peer.
 */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {
    final EndpointState endpoint;
    Exchange exchange;
    FrontendHandler tunnel;
    /** The downstream channel that responses were last written to: flushed once per read burst. */
    Channel flushTarget;

    UpstreamHandler(EndpointState endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        endpoint.stats.activeConnections.increment();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (tunnel != null) {
            if (msg instanceof ByteBuf b) {
                tunnel.tunnelWrite(b);
            } else {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        Exchange ex = exchange;
        if (ex == null) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        if (msg instanceof HttpResponse r) {
            ex.onResponse(r);
        }
        if (msg instanceof HttpContent c) {
            Exchange still = exchange;
            if (still == ex) {
                ex.onContent(c);
            } else {
                c.release();
            }
        } else if (msg instanceof ByteBuf b) {
            // bytes after a 101 that arrived in the same read as the response
            if (tunnel != null) {
                tunnel.tunnelWrite(b);
            } else {
                b.release();
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (tunnel != null) {
            tunnel.flushDownstream();
        } else if (flushTarget != null) {
            flushTarget.flush();
            if (exchange == null) {
                flushTarget = null;
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (tunnel != null) {
            tunnel.peerWritabilityChanged(ctx.channel().isWritable());
        } else if (exchange != null) {
            exchange.upstreamWritabilityChanged(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        endpoint.stats.activeConnections.decrement();
        if (tunnel != null) {
            tunnel.peerClosed();
        } else if (exchange != null) {
            exchange.upstreamLost(ctx.channel());
        } else {
            endpoint.idle.remove(ctx.channel());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
