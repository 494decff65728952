package dev.wharf.gateway.http;

import dev.wharf.gateway.lb.EndpointState;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * The only handler of a fast-path (raw) upstream connection: parses each response head in place, hands the
 * rewritten head and the body bytes (framed by Content-Length, chunked framing followed by {@link ChunkScanner},
 * or re-framed chunked when the response ends by close) to the {@link FastExchange} that owns the connection.
 * Interim 1xx responses are dropped; anything not HTTP/1.x is answered 502 by the exchange.
 */
final class FastUpstream extends ChannelInboundHandlerAdapter {
    private static final int HEAD = 0, LENGTH = 1, CHUNKED = 2, UNTIL_CLOSE = 3;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    final EndpointState endpoint;
    FastExchange exchange;
    private Channel flushTarget;
    private final HttpHead head = new HttpHead();
    private final ChunkScanner chunks = new ChunkScanner();
    private ByteBuf cum;
    private int state;
    private long remaining;
    private boolean keepAlive;

    FastUpstream(EndpointState endpoint) {
        this.endpoint = endpoint;
    }

    void start(FastExchange ex, Channel down) {
        exchange = ex;
        flushTarget = down;
        state = HEAD;
        head.reset();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        endpoint.stats.activeConnections.increment();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in) || exchange == null) {
            ReferenceCountUtil.release(msg);
            ctx.close(); // bytes on an idle connection: it cannot be reused
            return;
        }
        cum = FastFrontend.append(ctx, cum, in);
        try {
            process(ctx);
        } finally {
            if (cum != null && !cum.isReadable()) {
                cum.release();
                cum = null;
            }
        }
    }

    private void process(ChannelHandlerContext ctx) {
        while (cum != null && cum.isReadable()) {
            FastExchange ex = exchange;
            if (ex == null) {
                ctx.close(); // bytes after the response
                cum.release();
                cum = null;
                return;
            }
            if (state == HEAD) {
                int r = head.parseResponse(cum);
                if (r == HttpHead.NEED_MORE) {
                    return;
                }
                if (r != HttpHead.OK || head.status == 101) {
                    cum.release();
                    cum = null;
                    ex.invalidResponse();
                    return;
                }
                int code = head.status;
                if (code < 200) {
                    cum.skipBytes(head.headLength); // interim: the gateway answers 100-continue itself
                    head.reset();
                    continue;
                }
                keepAlive = head.minorVersion == 1 ? !head.connectionClose : head.connectionKeepAlive;
                boolean noBody = ex.headRequest || code == 204 || code == 304;
                boolean reframe = false;
                if (noBody) {
                    remaining = 0;
                    state = LENGTH;
                } else if (head.chunked) {
                    chunks.reset();
                    state = CHUNKED;
                } else if (head.contentLength >= 0) {
                    remaining = head.contentLength;
                    state = LENGTH;
                } else {
                    reframe = true;
                    keepAlive = false;
                    state = UNTIL_CLOSE;
                }
                ByteBuf out = head.downstreamHead(ctx.alloc(), !ex.clientKeepAlive(), reframe);
                cum.skipBytes(head.headLength);
                head.reset();
                ex.onResponseHead(code, out);
                if (state == LENGTH && remaining == 0) {
                    end(ex);
                }
                continue;
            }
            if (state == LENGTH) {
                int n = (int) Math.min(remaining, cum.readableBytes());
                remaining -= n;
                if (n == cum.readableBytes()) {
                    ByteBuf all = cum; // the rest of the read is body: hand the buffer over, no slice
                    cum = null;
                    ex.onBody(all);
                } else {
                    ex.onBody(cum.readRetainedSlice(n));
                }
                if (remaining == 0) {
                    end(ex);
                }
            } else if (state == CHUNKED) {
                int n = chunks.scan(cum);
                if (n < 0) {
                    cum.release();
                    cum = null;
                    ex.invalidResponse();
                    return;
                }
                ex.onBody(cum.readRetainedSlice(n));
                if (chunks.done()) {
                    end(ex);
                }
            } else {
                int n = cum.readableBytes();
                ByteBuf framed = ctx.alloc().directBuffer(12);
                framed.writeCharSequence(Integer.toHexString(n), StandardCharsets.US_ASCII);
                framed.writeBytes(CRLF);
                ex.onBody(ctx.alloc().compositeDirectBuffer(3).addComponents(true, framed,
                        cum.readRetainedSlice(n), io.netty.buffer.Unpooled.wrappedBuffer(CRLF)));
            }
        }
    }

    private void end(FastExchange ex) {
        state = HEAD;
        boolean reusable = keepAlive && (cum == null || !cum.isReadable());
        ex.finish(reusable);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (flushTarget != null) {
            flushTarget.flush();
            if (exchange == null) {
                flushTarget = null;
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.upstreamWritabilityChanged(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        endpoint.stats.activeConnections.decrement();
        if (cum != null) {
            cum.release();
            cum = null;
        }
        FastExchange ex = exchange;
        if (ex != null && state == UNTIL_CLOSE) {
            ex.onBody(io.netty.buffer.Unpooled.wrappedBuffer(LAST_CHUNK));
            state = HEAD;
            ex.finish(false);
            if (flushTarget != null) {
                flushTarget.flush();
            }
        } else if (ex != null) {
            ex.upstreamLost(ctx.channel());
        } else {
            endpoint.rawIdle.remove(ctx.channel());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
