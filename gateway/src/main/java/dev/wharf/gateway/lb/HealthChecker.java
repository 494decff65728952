package dev.wharf.gateway.lb;

import dev.wharf.gateway.model.HealthCheck;
import dev.wharf.gateway.net.ProxyContext;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Active health checks of one cluster: every interval, each endpoint gets a TCP connect or an HTTP GET (2xx/3xx
 * pass) within the timeout. All checks and their results run on one event loop, so the per-endpoint counters in
 * {@link ClusterState#healthResult} need no locking.
 */
public final class HealthChecker implements AutoCloseable {
    private final ClusterState cluster;
    private final HealthCheck check;
    private final ProxyContext px;
    private final EventLoop loop;
    private final ScheduledFuture<?> task;

    public HealthChecker(ProxyContext px, ClusterState cluster, HealthCheck check) {
        this.px = px;
        this.cluster = cluster;
        this.check = check;
        this.loop = px.transport.group.next();
        long period = Math.max(10, check.interval() == null ? 5000 : check.interval().toMillis());
        this.task = loop.scheduleAtFixedRate(this::round, 0, period, TimeUnit.MILLISECONDS);
    }

    public HealthCheck check() {
        return check;
    }

    private void round() {
        for (EndpointState e : cluster.endpoints()) {
            if (!e.retired()) {
                probe(e, passed -> cluster.healthResult(e, passed));
            }
        }
    }

    private void probe(EndpointState e, Consumer<Boolean> result) {
        int timeout = (int) Math.max(1, check.timeout() == null ? 1000 : check.timeout().toMillis());
        boolean http = !check.httpPath().isEmpty();
        boolean[] reported = new boolean[1];
        Consumer<Boolean> once = ok -> {
            if (!reported[0]) {
                reported[0] = true;
                result.accept(ok);
            }
        };
        Bootstrap b = new Bootstrap().group(loop).channel(px.transport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeout)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (http) {
                            ch.pipeline().addLast(new HttpClientCodec(), new SimpleChannelInboundHandler<HttpObject>() {
                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
                                    if (msg instanceof HttpResponse r) {
                                        int code = r.status().code();
                                        once.accept(code >= 200 && code < 400);
                                        ctx.close();
                                    }
                                }

                                @Override
                                public void channelInactive(ChannelHandlerContext ctx) {
                                    once.accept(false);
                                }

                                @Override
                                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                    ctx.close();
                                }
                            });
                        }
                    }
                });
        b.connect(e.socketAddress).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                once.accept(false);
                return;
            }
            if (!http) {
                once.accept(true);
                f.channel().close();
                return;
            }
            var req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, check.httpPath(),
                    Unpooled.EMPTY_BUFFER);
            req.headers().set(HttpHeaderNames.HOST, e.address);
            req.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            req.headers().set(HttpHeaderNames.USER_AGENT, "wharf-gateway-health");
            f.channel().writeAndFlush(req);
            loop.schedule(() -> {
                once.accept(false);
                f.channel().close();
            }, timeout, TimeUnit.MILLISECONDS);
        });
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
