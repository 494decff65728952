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
    /**
     * @param probedAt when the heartbeat last changed (or was first seen)
     * @param moved    whether it changed at least once since first seen: the node is alive, not just new to us
     */
    record Probe(Instant probedAt, boolean moved) {
    }

    private record Seen(String lease, String condition, Probe probe) {
    }

    private final Map<String, Seen> nodes = new ConcurrentHashMap<>();

    /** Records the node's current heartbeat values; returns when they last changed. */
    Probe observe(String node, String leaseRenewTime, String readyHeartbeat, Instant now) {
        Seen seen = nodes.compute(node, (n, old) -> {
            if (old == null) {
                return new Seen(leaseRenewTime, readyHeartbeat, new Probe(now, false));
            }
            if (Objects.equals(old.lease(), leaseRenewTime) && Objects.equals(old.condition(), readyHeartbeat)) {
                return old;
            }
            return new Seen(leaseRenewTime, readyHeartbeat, new Probe(now, true));
        });
        return seen.probe();
    }

    void forget(String node) {
        nodes.remove(node);
    }
}
