package dev.wharf.gateway.dns;

import dev.wharf.gateway.net.Transport;
import dev.wharf.common.Randoms;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.TcpDnsQueryDecoder;
import io.netty.handler.codec.dns.TcpDnsResponseEncoder;
import io.netty.handler.timeout.ReadTimeoutHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The node's cluster DNS server (CoreDNS with the kubernetes and forward plugins, in-process): UDP and TCP on one
 * address, answers the cluster zone from the current {@link DnsRecords} snapshot and relays everything else to
 * upstream resolvers. Bind port 0 picks one free port shared by UDP and TCP ({@link #address()}).
 */
public final class ClusterDnsServer implements AutoCloseable {
    private static final int PORT_ATTEMPTS = 10;

    private final InetSocketAddress bind;
    private final String clusterDomain;
    private final Supplier<DnsRecords> records;
    private final UpstreamForwarder forwarder;
    private EventLoopGroup group;
    private Channel udp;
    private Channel tcp;

    public ClusterDnsServer(InetSocketAddress bind, String clusterDomain, Supplier<DnsRecords> records,
                            List<InetSocketAddress> upstreams) {
        this(bind, clusterDomain, records, upstreams, Duration.ofSeconds(2), Randoms.secure());
    }

    /** As above, with the upstream timeout (then SERVFAIL) and the source of relayed query ids. */
    public ClusterDnsServer(InetSocketAddress bind, String clusterDomain, Supplier<DnsRecords> records,
                            List<InetSocketAddress> upstreams, Duration upstreamTimeout, RandomGenerator random) {
        this.bind = Objects.requireNonNull(bind, "bind");
        this.clusterDomain = DnsRecords.normalize(Objects.requireNonNull(clusterDomain, "clusterDomain"));
        this.records = Objects.requireNonNull(records, "records");
        this.forwarder = new UpstreamForwarder(upstreams, upstreamTimeout, random);
    }

    /** Binds UDP and TCP; throws {@link IllegalStateException} naming the address when it cannot. */
    public synchronized ClusterDnsServer start() {
        if (group != null) {
            throw new IllegalStateException("cluster DNS server already started");
        }
        Transport transport = new Transport(1, "wharf-dns");
        Class<? extends DatagramChannel> udpType = transport.datagramChannel();
        Class<? extends ServerChannel> tcpType = transport.serverChannel();
        group = transport.group;
        QueryHandler handler = new QueryHandler(clusterDomain, records, forwarder);
        try {
            bindBoth(udpType, tcpType, handler);
            forwarder.start(group, udpType);
            return this;
        } catch (Exception e) {
            close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cluster DNS cannot listen on " + bind + " (UDP and TCP): " + e, e);
        }
    }

    private void bindBoth(Class<? extends DatagramChannel> udpType, Class<? extends ServerChannel> tcpType,
                          QueryHandler handler) throws InterruptedException {
        Bootstrap u = new Bootstrap().group(group).channel(udpType).handler(new ChannelInitializer<DatagramChannel>() {
            @Override
            protected void initChannel(DatagramChannel ch) {
                ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(), handler);
            }
        });
        ServerBootstrap t = new ServerBootstrap().group(group).channel(tcpType)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ReadTimeoutHandler(30), new TcpDnsQueryDecoder(),
                                new TcpDnsResponseEncoder(), handler);
                    }
                });
        for (int attempt = 1; ; attempt++) {
            udp = u.bind(bind).sync().channel();
            InetSocketAddress actual = (InetSocketAddress) udp.localAddress();
            try {
                tcp = t.bind(new InetSocketAddress(bind.getAddress(), actual.getPort())).sync().channel();
                return;
            } catch (Exception e) {
                udp.close().sync();
                udp = null;
                if (bind.getPort() != 0 || attempt >= PORT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The bound address (UDP and TCP share the port); the configured one before {@link #start}. */
    public InetSocketAddress address() {
        Channel ch = udp;
        return ch == null ? bind : (InetSocketAddress) ch.localAddress();
    }

    /** The {@code nameserver} addresses of a resolv.conf, port 53; empty when the file is missing. */
    public static List<InetSocketAddress> hostUpstreams(Path resolvConf) {
        if (!Files.isReadable(resolvConf)) {
            return List.of();
        }
        List<InetSocketAddress> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(resolvConf)) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 2 && f[0].equals("nameserver")) {
                    String ip = f[1].contains("%") ? f[1].substring(0, f[1].indexOf('%')) : f[1];
                    java.net.InetAddress a = DnsRecords.parseIp(ip);
                    if (a != null) {
                        out.add(new InetSocketAddress(a, 53));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resolvConf, e);
        }
        return List.copyOf(out);
    }

    @Override
    public synchronized void close() {
        forwarder.close();
        for (Channel ch : new Channel[]{udp, tcp}) {
            if (ch != null) {
                ch.close().syncUninterruptibly();
            }
        }
        udp = null;
        tcp = null;
        if (group != null) {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
            group = null;
        }
    }
}
