package dev.wharf.gateway.http;

import dev.wharf.gateway.net.ProxyContext;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The request timeout of one client connection: one timer per connection instead of one per request. It fires at
 * the oldest possible deadline, times out the current request if it is past its deadline, and otherwise re-arms
 * for the remaining time. Used on the connection's event loop only.
 */
final class RequestTimer {
    private final Channel down;
    private final ProxyContext px;
    private final Supplier<ProxiedRequest<?>> current;
    private ScheduledFuture<?> task;

    RequestTimer(Channel down, ProxyContext px, Supplier<ProxiedRequest<?>> current) {
        this.down = down;
        this.px = px;
        this.current = current;
    }

    void arm() {
        if (task == null) {
            task = down.eventLoop().schedule(this::check, px.requestTimeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    void cancel() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    private void check() {
        task = null;
        ProxiedRequest<?> ex = current.get();
        if (ex == null || ex.done || !down.isActive()) {
            return;
        }
        long remaining = ex.deadlineNanos - px.options.clock().nanoTime();
        if (remaining <= 0) {
            ex.timeout();
        } else {
            task = down.eventLoop().schedule(this::check, remaining, TimeUnit.NANOSECONDS);
        }
    }
}
