package dev.wharf.gateway.lb;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Idle keep-alive upstream connections of one endpoint, one deque per event loop so that a request reuses a
 * connection served by its own thread (no cross-thread hand-off). Each deque is touched only by its loop.
 */
public final class IdlePool {
    private final Map<EventLoop, ArrayDeque<Channel>> idle = new ConcurrentHashMap<>();

    /** On {@code loop}: a live idle connection, or null. */
    public Channel poll(EventLoop loop) {
        ArrayDeque<Channel> q = idle.get(loop);
        if (q == null) {
            return null;
        }
        Channel ch;
        while ((ch = q.pollLast()) != null) {
            if (ch.isActive()) {
                return ch;
            }
        }
        return null;
    }

    /** On the channel's loop: keeps it idle unless the pool is full (then the caller closes it). */
    public boolean offer(Channel ch, int max) {
        ArrayDeque<Channel> q = idle.computeIfAbsent(ch.eventLoop(), l -> new ArrayDeque<>());
        if (q.size() >= max) {
            return false;
        }
        q.addLast(ch);
        return true;
    }

    /** On the channel's loop: forgets a connection that closed while idle. */
    public void remove(Channel ch) {
        ArrayDeque<Channel> q = idle.get(ch.eventLoop());
        if (q != null) {
            q.remove(ch);
        }
    }

    /** From any thread: closes every idle connection (the endpoint was removed). */
    public void closeAll() {
        idle.forEach((loop, q) -> loop.execute(() -> {
            Channel ch;
            while ((ch = q.pollFirst()) != null) {
                ch.close();
            }
        }));
    }
}
