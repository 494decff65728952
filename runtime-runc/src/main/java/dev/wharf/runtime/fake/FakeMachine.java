package dev.wharf.runtime.fake;

import dev.wharf.spi.runtime.ContainerRuntimeException;
import dev.wharf.spi.runtime.Sandbox;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The state a fake "host" keeps for one runtime root: what survives a FakeRuntime instance. */
final class FakeMachine {
    final Map<String, Sandbox> sandboxes = new ConcurrentHashMap<>();
    final Map<String, FakeContainer> containers = new ConcurrentHashMap<>();
    final AtomicLong seq = new AtomicLong();
    private final AtomicLong ipSeq = new AtomicLong();
    private final int ipA;
    private final int ipB;

    FakeMachine(int ipA, int ipB) {
        this.ipA = ipA;
        this.ipB = ipB;
    }

    String nextIp() {
        long n = ipSeq.incrementAndGet();
        long c = n / 254;
        long d = n % 254 + 1;
        if (c > 255) {
            throw new ContainerRuntimeException("fake runtime: pod IP range " + ipA + "." + ipB + ".0.0/16 exhausted");
        }
        return ipA + "." + ipB + "." + c + "." + d;
    }
}
