package dev.wharf.gateway.metrics;

import dev.wharf.common.Clock;
import dev.wharf.spi.metrics.ServiceTraffic;
import java.util.concurrent.atomic.LongAdder;

/** A service's counters plus a sliding window (10 one-second slots) for the autoscaler's figures. */
public final class ServiceStats extends TrafficStats {
    static final int WINDOW_SECONDS = 10;

    final String namespace;
    final String service;
    private final Clock clock;
    private final Slot[] slots = new Slot[WINDOW_SECONDS];

    private static final class Slot {
        volatile long second = Long.MIN_VALUE;
        final LongAdder[] classes = LatencyHistogram.adders(5);
        final LongAdder[] buckets = LatencyHistogram.adders(LatencyHistogram.BUCKETS);
    }

    ServiceStats(String namespace, String service, Clock clock) {
        this.namespace = namespace;
        this.service = service;
        this.clock = clock;
        for (int i = 0; i < WINDOW_SECONDS; i++) {
            slots[i] = new Slot();
        }
    }

    @Override
    public void completed(int status, long micros) {
        super.completed(status, micros);
        long second = Math.floorDiv(clock.nanoTime(), 1_000_000_000L);
        Slot slot = slots[(int) Math.floorMod(second, WINDOW_SECONDS)];
        if (slot.second != second) {
            synchronized (slot) {
                if (slot.second != second) {
                    for (LongAdder a : slot.classes) {
                        a.reset();
                    }
                    for (LongAdder a : slot.buckets) {
                        a.reset();
                    }
                    slot.second = second;
                }
            }
        }
        slot.classes[classOf(status)].increment();
        slot.buckets[LatencyHistogram.bucketOf(micros)].increment();
    }

    public ServiceTraffic traffic() {
        long now = Math.floorDiv(clock.nanoTime(), 1_000_000_000L);
        long[] classes = new long[5];
        long[] buckets = new long[LatencyHistogram.BUCKETS];
        for (Slot slot : slots) {
            long s = slot.second;
            if (s > now - WINDOW_SECONDS && s <= now) {
                for (int i = 0; i < 5; i++) {
                    classes[i] += slot.classes[i].sum();
                }
                for (int i = 0; i < buckets.length; i++) {
                    buckets[i] += slot.buckets[i].sum();
                }
            }
        }
        long total = 0;
        for (long c : classes) {
            total += c;
        }
        return new ServiceTraffic(namespace, service, total / (double) WINDOW_SECONDS,
                LatencyHistogram.quantileMillis(buckets, 0.50), LatencyHistogram.quantileMillis(buckets, 0.95),
                LatencyHistogram.quantileMillis(buckets, 0.99), activeRequests.sum(), activeConnections.sum(),
                classes[1], classes[2], classes[3], classes[4], bytesIn.sum(), bytesOut.sum());
    }
}
