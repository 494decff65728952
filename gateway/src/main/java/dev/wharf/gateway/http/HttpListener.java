package dev.wharf.gateway.http;

import dev.wharf.gateway.model.Listener;
import dev.wharf.gateway.net.BoundListener;
import dev.wharf.gateway.net.ProxyContext;
import dev.wharf.gateway.net.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import io.netty.util.concurrent.GlobalEventExecutor;

/** An L7 listener: its server channel, current routes and SNI certificates, and its open connections. */
public final class HttpListener implements BoundListener {
    /** {@code -Dwharf.gateway.codecOnly=true}: no byte-level fast path (for A/B measurements, or as an escape hatch). */
    private static final boolean CODEC_ONLY = Boolean.getBoolean("wharf.gateway.codecOnly");
    private final ProxyContext px;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private volatile Listener.Http config;
    private volatile RouteTable routes;
    private volatile Mapping<String, SslContext> sni;
    private volatile boolean closing;
    private Channel server;

    private HttpListener(ProxyContext px) {
        this.px = px;
    }

    /** Binds; throws with the reason when the address cannot be bound or a certificate cannot be loaded. */
    public static HttpListener bind(ProxyContext px, Listener.Http config) throws Exception {
        HttpListener l = new HttpListener(px);
        l.update(config);
        Transport t = px.transport;
        l.server = new ServerBootstrap().group(t.group).channel(t.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, Transport.WATER_MARK)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        l.connections.add(ch);
                        Mapping<String, SslContext> m = l.sni;
                        if (m != null) {
                            ch.pipeline().addLast(new SniHandler(m), new HttpServerCodec(8192, 65536, 16384),
                                    new FrontendHandler(l, px, true, false));
                        } else if (CODEC_ONLY) {
                            ch.pipeline().addLast(new H2cDetector(() -> new FrontendHandler(l, px, false, true)),
                                    new HttpServerCodec(8192, 65536, 16384), new FrontendHandler(l, px, false, false));
                        } else {
                            // cleartext: the byte-level fast path, which hands unusual requests to the codec path
                            ch.pipeline().addLast(new FastFrontend(l, px));
                        }
                    }
                })
                .bind(BoundListener.address(config)).sync().channel();
        return l;
    }

    RouteTable routes() {
        return routes;
    }

    boolean closing() {
        return closing;
    }

    void connectionClosed(Channel ch) {
        connections.remove(ch);
    }

    @Override
    public void update(dev.wharf.gateway.model.Listener next) {
        Listener.Http http = (Listener.Http) next;
        Listener.Http old = config;
        if (old == null || !old.certificates().equals(http.certificates())) {
            sni = http.tls() ? TlsContexts.mapping(http.certificates()) : null;
        }
        if (old == null || !old.routes().equals(http.routes())) {
            routes = new RouteTable(http.routes(), px.metrics::route);
        }
        config = http;
    }

    @Override
    public void close() {
        closing = true;
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        for (Channel ch : connections) {
            ch.eventLoop().execute(() -> {
                FrontendHandler h = ch.pipeline().get(FrontendHandler.class);
                FastFrontend f = ch.pipeline().get(FastFrontend.class);
                if ((h == null || h.idle()) && (f == null || f.idle())) {
                    ch.close();
                }
            });
        }
    }
}
