package dev.wharf.gateway.lb;

import dev.wharf.common.Clock;
import dev.wharf.gateway.ClientZones;
import dev.wharf.gateway.metrics.GatewayMetrics;
import java.net.InetAddress;
import java.util.random.RandomGenerator;

/** What every cluster's picker shares: time, randomness (used under its lock), zones, metrics. */
public record LbContext(Clock clock, RandomGenerator random, ClientZones zones, String localZone,
                        GatewayMetrics metrics) {
    public int nextInt(int bound) {
        synchronized (random) {
            return random.nextInt(bound);
        }
    }

    String zoneOf(InetAddress client) {
        String z = client == null ? "" : zones.zoneOf(client);
        return z == null || z.isEmpty() ? localZone : z;
    }
}
