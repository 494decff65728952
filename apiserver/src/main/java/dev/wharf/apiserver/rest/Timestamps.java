package dev.wharf.apiserver.rest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** RFC 3339 timestamps with second precision, as Kubernetes writes metav1.Time. */
public final class Timestamps {
    private Timestamps() {
    }

    public static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
