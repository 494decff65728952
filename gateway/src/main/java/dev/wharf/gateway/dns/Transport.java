package dev.wharf.gateway.dns;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * Netty transport for the DNS sockets: epoll when its classes are on the class path and the native library loads,
 * NIO otherwise. Looked up reflectively so the package compiles without netty-transport-classes-epoll.
 */
record Transport(String name, IoHandlerFactory io, Class<? extends DatagramChannel> datagram,
                 Class<? extends ServerChannel> server) {
    private static final String EPOLL = "io.netty.channel.epoll.";

    static Transport best() {
        try {
            Class<?> epoll = Class.forName(EPOLL + "Epoll");
            if ((Boolean) epoll.getMethod("isAvailable").invoke(null)) {
                IoHandlerFactory io = (IoHandlerFactory) Class.forName(EPOLL + "EpollIoHandler")
                        .getMethod("newFactory").invoke(null);
                return new Transport("epoll", io,
                        Class.forName(EPOLL + "EpollDatagramChannel").asSubclass(DatagramChannel.class),
                        Class.forName(EPOLL + "EpollServerSocketChannel").asSubclass(ServerChannel.class));
            }
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            // fall through to NIO
        }
        return nio();
    }

    static Transport nio() {
        return new Transport("nio", NioIoHandler.newFactory(), NioDatagramChannel.class, NioServerSocketChannel.class);
    }
}
