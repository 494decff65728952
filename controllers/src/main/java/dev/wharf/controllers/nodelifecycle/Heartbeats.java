package dev.wharf.controllers.nodelifecycle;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When this controller last saw each node's heartbeat change, on its own clock (upstream's probeTimestamp): a
 * node's clock may be skewed, so its timestamps are compared only with their previous values. A node seen for the
 * first time (or after this controller started) gets a full grace period.
 */
final class Heartbeats {
    private record Seen(String lease, String condition, Instant probedAt) {
    }

    private final Map<String, Seen> nodes = new ConcurrentHashMap<>();

    /** Records the node's current heartbeat values; returns when they last changed. */
    Instant observe(String node, String leaseRenewTime, String readyHeartbeat, Instant now) {
        Seen seen = nodes.compute(node, (n, old) -> old != null && Objects.equals(old.lease(), leaseRenewTime)
                && Objects.equals(old.condition(), readyHeartbeat) ? old : new Seen(leaseRenewTime, readyHeartbeat, now));
        return seen.probedAt();
    }

    void forget(String node) {
        nodes.remove(node);
    }
}
