package dev.wharf.gateway.l4;

import dev.wharf.gateway.lb.ClusterState;
import dev.wharf.gateway.lb.EndpointState;
import dev.wharf.gateway.model.Listener;
import dev.wharf.gateway.net.BoundListener;
import dev.wharf.gateway.net.ProxyContext;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An L4 UDP listener: the datagrams of one client address form a flow bound to one endpoint through its own
 * connected socket (so replies come back to that client); a flow idle for the idle timeout is closed. All flows of
 * the listener live on its event loop, so the flow table needs no locking.
 */
public final class UdpListener implements BoundListener {
    private final ProxyContext px;
    private volatile Listener.Udp config;
    private final Map<InetSocketAddress, Flow> flows = new HashMap<>();
    private Channel channel;
    private ScheduledFuture<?> sweeper;

    private static final class Flow {
        final ChannelFuture upstream;
        final EndpointState endpoint;
        long lastActiveNanos;

        Flow(ChannelFuture upstream, EndpointState endpoint, long now) {
            this.upstream = upstream;
            this.endpoint = endpoint;
            this.lastActiveNanos = now;
        }
    }

    private UdpListener(ProxyContext px, Listener.Udp config) {
        this.px = px;
        this.config = config;
    }

    public static UdpListener bind(ProxyContext px, Listener.Udp config) throws Exception {
        UdpListener l = new UdpListener(px, config);
        l.channel = new Bootstrap().group(px.transport.group).channel(px.transport.datagramChannel())
                .handler(new SimpleChannelInboundHandler<DatagramPacket>(false) {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                        l.received(p);
                    }
                })
                .bind(BoundListener.address(config)).sync().channel();
        long period = Math.max(100, px.options.udpIdleTimeout().toMillis() / 10);
        l.sweeper = l.channel.eventLoop().scheduleAtFixedRate(l::sweep, period, period, TimeUnit.MILLISECONDS);
        return l;
    }

    private void received(DatagramPacket p) {
        InetSocketAddress client = p.sender();
        long now = px.options.clock().nanoTime();
        Flow flow = flows.get(client);
        if (flow == null || !flow.upstream.channel().isOpen() && flow.upstream.isDone()) {
            ClusterState cluster = px.cluster(config.clusterId());
            EndpointState e = cluster == null ? null : cluster.pick(client.getAddress(), List.of());
            if (e == null) {
                p.release();
                return;
            }
            e.inFlight.incrementAndGet();
            cluster.service.activeConnections.increment();
            ChannelFuture up = new Bootstrap().group(channel.eventLoop()).channel(px.transport.datagramChannel())
                    .handler(new SimpleChannelInboundHandler<DatagramPacket>(false) {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket reply) {
                            Flow f = flows.get(client);
                            if (f != null) {
                                f.lastActiveNanos = px.options.clock().nanoTime();
                            }
                            cluster.service.bytesOut.add(reply.content().readableBytes());
                            channel.writeAndFlush(new DatagramPacket(reply.content(), client));
                        }
                    })
                    .connect(e.socketAddress);
            up.channel().closeFuture().addListener(x -> {
                e.inFlight.decrementAndGet();
                cluster.service.activeConnections.decrement();
            });
            flow = new Flow(up, e, now);
            flows.put(client, flow);
        }
        flow.lastActiveNanos = now;
        ClusterState cluster = px.cluster(config.clusterId());
        if (cluster != null) {
            cluster.service.bytesIn.add(p.content().readableBytes());
        }
        var content = p.content();
        ChannelFuture up = flow.upstream;
        if (up.isDone()) {
            if (up.isSuccess()) {
                up.channel().writeAndFlush(content);
            } else {
                content.release();
            }
        } else {
            up.addListener(f -> {
                if (f.isSuccess()) {
                    up.channel().writeAndFlush(content);
                } else {
                    content.release();
                }
            });
        }
    }

    private void sweep() {
        long now = px.options.clock().nanoTime();
        long idle = px.options.udpIdleTimeout().toNanos();
        flows.values().removeIf(f -> {
            if (now - f.lastActiveNanos >= idle || f.endpoint.retired()) {
                f.upstream.channel().close();
                return true;
            }
            return false;
        });
    }

    /** Open flows, for tests. */
    public int flowCount() {
        return channel.eventLoop().submit(flows::size).syncUninterruptibly().getNow();
    }

    @Override
    public void update(Listener next) {
        this.config = (Listener.Udp) next;
    }

    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        if (channel != null) {
            channel.close().syncUninterruptibly();
            channel.eventLoop().execute(() -> {
                flows.values().forEach(f -> f.upstream.channel().close());
                flows.clear();
            });
        }
    }
}
