package dev.wharf.gateway;

import dev.wharf.common.Clock;
import dev.wharf.common.Randoms;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How the data path behaves. {@link #defaults(Clock)} gives the documented defaults.
 *
 * @param random            weighted splits and least-request choices; accessed under its own lock
 * @param clientZones       zone of a client address, for same-zone preference
 * @param localZone         the zone assumed when {@code clientZones} does not know the client ("" = no preference)
 * @param connectTimeout    upstream connect timeout (default 2 s)
 * @param requestTimeout    whole-response timeout of an L7 request, then 504 (default 30 s)
 * @param retries           extra attempts on another endpoint after a connect failure or, for idempotent requests,
 *                          a connection lost before any response byte (default 2)
 * @param udpIdleTimeout    a UDP flow without datagrams for this long is closed (default 30 s)
 * @param maxIdlePerEndpoint idle keep-alive upstream connections kept per endpoint and event loop (default 128)
 * @param ioThreads         event loop threads, 0 = number of cores
 */
public record GatewayOptions(Clock clock, RandomGenerator random, ClientZones clientZones, String localZone,
                             Duration connectTimeout, Duration requestTimeout, int retries, Duration udpIdleTimeout,
                             int maxIdlePerEndpoint, int ioThreads) {
    public GatewayOptions {
        clientZones = clientZones == null ? ClientZones.UNKNOWN : clientZones;
        localZone = localZone == null ? "" : localZone;
    }

    public static GatewayOptions defaults(Clock clock) {
        return new GatewayOptions(clock, Randoms.secure(), ClientZones.UNKNOWN, "", Duration.ofSeconds(2),
                Duration.ofSeconds(30), 2, Duration.ofSeconds(30), 128, 0);
    }

    public GatewayOptions withRandom(RandomGenerator r) {
        return new GatewayOptions(clock, r, clientZones, localZone, connectTimeout, requestTimeout, retries,
                udpIdleTimeout, maxIdlePerEndpoint, ioThreads);
    }

    public GatewayOptions withZones(ClientZones zones, String local) {
        return new GatewayOptions(clock, random, zones, local, connectTimeout, requestTimeout, retries,
                udpIdleTimeout, maxIdlePerEndpoint, ioThreads);
    }

    public GatewayOptions withTimeouts(Duration connect, Duration request) {
        return new GatewayOptions(clock, random, clientZones, localZone, connect, request, retries, udpIdleTimeout,
                maxIdlePerEndpoint, ioThreads);
    }
}
