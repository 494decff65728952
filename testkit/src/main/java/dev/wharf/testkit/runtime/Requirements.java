package dev.wharf.testkit.runtime;

import org.junit.jupiter.api.Assumptions;

/** A test's need for a real tool: skipped on a laptop without it, a failure under {@code CI=true}. */
public final class Requirements {
    private Requirements() {
    }

    public static void require(boolean present, String what) {
        if (present) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI=true but " + what + " is not available");
        }
        Assumptions.abort(what + " is not available: skipped (would fail under CI=true)");
    }
}
