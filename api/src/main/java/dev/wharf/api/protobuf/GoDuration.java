package dev.wharf.api.protobuf;

import java.math.BigDecimal;

/** Go's time.Duration.String(): "1h2m3s", "1.5s", "300ms", "0s". */
final class GoDuration {
    private GoDuration() {
    }

    static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long n = Math.abs(nanos);
        if (n < 1_000_000_000L) {
            if (n < 1_000) {
                return sign + n + "ns";
            } else if (n < 1_000_000) {
                return sign + decimal(n, 3) + "µs";
            }
            return sign + decimal(n, 6) + "ms";
        }
        long hours = n / 3_600_000_000_000L;
        long minutes = (n / 60_000_000_000L) % 60;
        long secNanos = n % 60_000_000_000L;
        StringBuilder b = new StringBuilder(sign);
        if (hours > 0) {
            b.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            b.append(minutes).append('m');
        }
        return b.append(decimal(secNanos, 9)).append('s').toString();
    }

    private static String decimal(long value, int scale) {
        return new BigDecimal(value).movePointLeft(scale).stripTrailingZeros().toPlainString();
    }
}
