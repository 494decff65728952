package dev.wharf.common;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/** Randomness is injected like time: production uses {@link #secure()}, tests use {@link #seeded(long)}. */
public final class Randoms {
    private Randoms() {
    }

    public static RandomGenerator seeded(long seed) {
        return new java.util.SplittableRandom(seed);
    }

    public static RandomGenerator secure() {
        return new SecureRandom();
    }
}
