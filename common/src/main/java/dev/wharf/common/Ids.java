package dev.wharf.common;

import java.util.UUID;
import java.util.random.RandomGenerator;

/** Identifiers: object uids and the random suffixes of generated names (as Kubernetes makes them). */
public final class Ids {
    private static final char[] ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789".toCharArray();

    private Ids() {
    }

    /** A random (version 4, RFC 4122 variant) UUID, as Kubernetes gives every object. */
    public static String uid(RandomGenerator random) {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
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
