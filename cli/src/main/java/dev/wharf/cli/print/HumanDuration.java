package dev.wharf.cli.print;

import java.time.Duration;

/** Ages as kubectl prints them ("45s", "3m20s", "5h", "12d"), following Kubernetes' duration.HumanDuration. */
public final class HumanDuration {
    private HumanDuration() {
    }

    /** The same rule the server's tables use (one implementation, in the api module). */
    public static String format(Duration d) {
        return dev.wharf.api.table.Ages.human(d);
    }
}
