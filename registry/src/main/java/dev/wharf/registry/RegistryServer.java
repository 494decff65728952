package dev.wharf.registry;

import dev.wharf.common.Component;
import dev.wharf.registry.auth.AccessControl;
import dev.wharf.registry.auth.TokenService;
import dev.wharf.registry.http.PlainOnlyGate;
import dev.wharf.registry.http.RegistryApi;
import dev.wharf.registry.http.RegistryContext;
import dev.wharf.registry.http.RegistryHandler;
import dev.wharf.registry.storage.BlobStore;
import dev.wharf.registry.storage.GarbageCollector;
import dev.wharf.registry.storage.RepositoryIndex;
import dev.wharf.registry.storage.Uploads;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.ssl.OptionalSslHandler;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Wharf's OCI registry: the Distribution Spec v1.1 API under {@code /v2/} on its own port, over the
 * content-addressed store in {@code config.dataDir()}. Netty with epoll when available; request handling (disk
 * I/O) runs on a small executor group off the I/O threads.
 */
public final class RegistryServer implements Component {
    private final RegistryConfig config;
    private final RegistryContext context;
    private final RegistryApi api;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private EventExecutorGroup handlers;
    private Channel channel;
    private ChannelGroup connections;
    private volatile int boundPort = -1;

    public RegistryServer(RegistryConfig config) {
        this.config = config;
        BlobStore blobs = new BlobStore(config.dataDir());
        RepositoryIndex repos = new RepositoryIndex(config.dataDir());
        Uploads uploads = new Uploads(config.dataDir(), blobs, config.random());
        TokenService tokens = new TokenService(config.dataDir(), config.clock(), config.tokenTtl(), config.random());
        AccessControl access = new AccessControl(config.auth(), tokens, config.anonymousPull());
        this.context = new RegistryContext(config, blobs, repos, uploads, access);
        this.api = new RegistryApi(context);
    }

    @Override
    public String name() {
        return "registry";
    }

    @Override
    public synchronized void start() throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        boss = new MultiThreadIoEventLoopGroup(1, io);
        workers = new MultiThreadIoEventLoopGroup(2, io);
        handlers = new DefaultEventExecutorGroup(4);
        connections = new DefaultChannelGroup("registry", GlobalEventExecutor.INSTANCE);
        ServerBootstrap b = new ServerBootstrap().group(boss, workers).channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        var p = ch.pipeline();
                        if (config.tls() != null) {
                            // plain HTTP stays allowed for clients on loopback; others must speak TLS
                            boolean loopback = ch.remoteAddress() != null && ch.remoteAddress().getAddress().isLoopbackAddress();
                            p.addLast(loopback ? new OptionalSslHandler(config.tls()) : config.tls().newHandler(ch.alloc()));
                        } else {
                            p.addLast(new PlainOnlyGate());
                        }
                        p.addLast(new HttpServerCodec(8192, 65536, 65536));
                        p.addLast(new HttpServerExpectContinueHandler());
                        p.addLast(new ChunkedWriteHandler());
                        p.addLast(handlers, "registry", new RegistryHandler(api));
                    }
                });
        channel = b.bind(config.bindHost(), config.port()).sync().channel();
        boundPort = ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The port the server listens on (the random one when configured with 0); -1 before start. */
    public int port() {
        return boundPort;
    }

    /** {@code host:port} as image references name this registry. */
    public String address() {
        return config.bindHost() + ":" + boundPort;
    }

    public RegistryConfig config() {
        return config;
    }

    /** Garbage collection over this registry's data (run it while no push is in flight, or with a grace period). */
    public GarbageCollector garbageCollector() {
        return new GarbageCollector(context.blobs(), context.repos(), config.clock());
    }

    @Override
    public void awaitReady(Duration timeout) {
        if (boundPort < 0) {
            throw new IllegalStateException("registry not started");
        }
    }

    @Override
    public synchronized void stop() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
            channel = null;
        }
        if (connections != null) {
            connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        for (var g : new EventExecutorGroup[] {boss, workers, handlers}) {
            if (g != null) {
                g.shutdownGracefully(20, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
            }
        }
        boss = null;
        workers = null;
        handlers = null;
    }
}
