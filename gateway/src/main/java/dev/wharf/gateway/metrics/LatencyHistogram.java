package dev.wharf.gateway.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free fixed-bucket latency histogram (buckets in milliseconds: 1 2 5 10 25 50 100 250 500 1000 2500 5000
 * +Inf). Each observation is one array scan and two {@link LongAdder} increments: no allocation, no lock.
 */
public final class LatencyHistogram {
    static final long[] BOUNDS_MICROS = {1_000, 2_000, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000,
            1_000_000, 2_500_000, 5_000_000};
    /** Bucket count including +Inf. */
    public static final int BUCKETS = BOUNDS_MICROS.length + 1;

    private final LongAdder[] buckets = adders(BUCKETS);
    private final LongAdder sumMicros = new LongAdder();

    static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    static int bucketOf(long micros) {
        for (int i = 0; i < BOUNDS_MICROS.length; i++) {
            if (micros <= BOUNDS_MICROS[i]) {
                return i;
            }
        }
        return BOUNDS_MICROS.length;
    }

    public void record(long micros) {
        buckets[bucketOf(micros)].increment();
        sumMicros.add(micros);
    }

    /** Non-cumulative counts per bucket. */
    public long[] counts() {
        long[] c = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            c[i] = buckets[i].sum();
        }
        return c;
    }

    public long sumMicros() {
        return sumMicros.sum();
    }

    /** The q-quantile in milliseconds, linearly interpolated inside its bucket; 0 without observations. */
    public static double quantileMillis(long[] counts, double q) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        double rank = q * total;
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && seen + counts[i] >= rank) {
                if (i == BOUNDS_MICROS.length) {
                    return BOUNDS_MICROS[i - 1] / 1000.0;
                }
                double lower = i == 0 ? 0 : BOUNDS_MICROS[i - 1] / 1000.0;
                double upper = BOUNDS_MICROS[i] / 1000.0;
                return lower + (upper - lower) * ((rank - seen) / counts[i]);
            }
            seen += counts[i];
        }
        return BOUNDS_MICROS[BOUNDS_MICROS.length - 1] / 1000.0;
    }
}
