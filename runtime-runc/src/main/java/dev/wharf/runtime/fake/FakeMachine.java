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
    private final AtomicLong ipSeq;
    private final long base;
    private final long size;

    /** Addresses {@code base+1 .. base+size-2} (as 32-bit numbers), drawn from a possibly shared sequence. */
    FakeMachine(long base, long size, AtomicLong ipSeq) {
        this.base = base;
        this.size = size;
        this.ipSeq = ipSeq;
    }

    String nextIp() {
        long n = ipSeq.incrementAndGet();
        if (n >= size - 1) {
            throw new ContainerRuntimeException("fake runtime: pod IP range exhausted after " + (n - 1) + " pods");
        }
        long ip = base + n;
        return (ip >>> 24) + "." + ((ip >>> 16) & 255) + "." + ((ip >>> 8) & 255) + "." + (ip & 255);
    }
}
