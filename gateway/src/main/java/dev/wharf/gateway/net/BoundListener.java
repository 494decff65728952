package dev.wharf.gateway.net;

import dev.wharf.gateway.model.Listener;

/** A bound listener of any protocol: updated in place when its identity stays, closed when it leaves the config. */
public interface BoundListener extends AutoCloseable {
    /** Swaps routes, certificates or cluster for new connections and requests. */
    void update(Listener config);

    /** Stops accepting; open connections finish what they are doing. */
    @Override
    void close();

    /** The socket address to bind: "", "*" and "0.0.0.0" mean every address. */
    static java.net.InetSocketAddress address(Listener l) {
        String ip = l.bindIp();
        return ip == null || ip.isEmpty() || ip.equals("*") ? new java.net.InetSocketAddress(l.port())
                : new java.net.InetSocketAddress(ip, l.port());
    }

    /** Identity of a listener: protocol, address, port. */
    static String key(Listener l) {
        return l.getClass().getSimpleName() + "|" + l.bindIp() + "|" + l.port();
    }
}
