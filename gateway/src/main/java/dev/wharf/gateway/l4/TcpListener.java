package dev.wharf.gateway.l4;

import dev.wharf.gateway.lb.ClusterState;
import dev.wharf.gateway.lb.EndpointState;
import dev.wharf.gateway.model.Listener;
import dev.wharf.gateway.net.BoundListener;
import dev.wharf.gateway.net.ProxyContext;
import dev.wharf.gateway.net.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * An L4 TCP listener: each accepted connection is held (not read) until an endpoint accepts the upstream connect,
 * trying another endpoint on failure up to the retry budget, then both sides are piped by {@link Relay}s.
 */
public final class TcpListener implements BoundListener {
    private final ProxyContext px;
    private volatile Listener.Tcp config;
    private Channel server;

    private TcpListener(ProxyContext px, Listener.Tcp config) {
        this.px = px;
        this.config = config;
    }

    public static TcpListener bind(ProxyContext px, Listener.Tcp config) throws Exception {
        TcpListener l = new TcpListener(px, config);
        Transport t = px.transport;
        l.server = new ServerBootstrap().group(t.group).channel(t.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, Transport.WATER_MARK)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        l.accepted(ch);
                    }
                })
                .bind(BoundListener.address(config)).sync().channel();
        return l;
    }

    private void accepted(Channel down) {
        ClusterState cluster = px.cluster(config.clusterId());
        if (cluster == null) {
            down.close();
            return;
        }
        Relay downRelay = new Relay(cluster.service, true);
        down.pipeline().addLast(downRelay);
        cluster.service.activeConnections.increment();
        down.closeFuture().addListener(f -> cluster.service.activeConnections.decrement());
        InetAddress client = down.remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        connect(cluster, down, downRelay, client, new ArrayList<>(2), 0);
    }

    private void connect(ClusterState cluster, Channel down, Relay downRelay, InetAddress client,
                         List<EndpointState> tried, int retries) {
        if (!down.isActive()) {
            return;
        }
        EndpointState e = cluster.pick(client, tried);
        if (e == null) {
            down.close();
            return;
        }
        e.inFlight.incrementAndGet();
        Relay upRelay = new Relay(cluster.service, false);
        px.upstreamBootstrap().clone(down.eventLoop())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .handler(upRelay)
                .connect(e.socketAddress).addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        e.inFlight.decrementAndGet();
                        e.stats.connectErrors.increment();
                        cluster.service.connectErrors.increment();
                        cluster.reportFailure(e);
                        tried.add(e);
                        if (retries < px.options.retries()) {
                            cluster.service.retries.increment();
                            connect(cluster, down, downRelay, client, tried, retries + 1);
                        } else {
                            down.close();
                        }
                        return;
                    }
                    cluster.reportSuccess(e);
                    Channel up = f.channel();
                    e.stats.activeConnections.increment();
                    upRelay.onClose = () -> {
                        e.inFlight.decrementAndGet();
                        e.stats.activeConnections.decrement();
                    };
                    if (!down.isActive()) {
                        up.close();
                        return;
                    }
                    upRelay.link(up, down, downRelay);
                    downRelay.link(down, up, upRelay);
                    up.config().setAutoRead(true);
                    down.config().setAutoRead(true);
                });
    }

    @Override
    public void update(Listener next) {
        this.config = (Listener.Tcp) next;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
    }
}
