package dev.wharf.bench.api;

import java.util.Arrays;

/** Percentiles of recorded latencies in nanoseconds, printed in milliseconds. */
public final class Percentiles {
    private Percentiles() {
    }

    public static double ms(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    public static String summary(long[] nanos) {
        return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms", ms(nanos, 50), ms(nanos, 99), ms(nanos, 100));
    }
}
