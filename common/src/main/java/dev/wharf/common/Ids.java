package dev.wharf.common;

import java.util.UUID;
import java.util.random.RandomGenerator;

/** Identifiers: object uids and the random suffixes of generated names (as Kubernetes makes them). */
public final class Ids {
    private static final char[] ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789".toCharArray();

    private Ids() {
    }

    public static String uid(RandomGenerator random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** A 5-character suffix from Kubernetes' alphabet (no vowels, no look-alikes). */
    public static String suffix(RandomGenerator random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHANUMS[random.nextInt(ALPHANUMS.length)]);
        }
        return sb.toString();
    }
}
