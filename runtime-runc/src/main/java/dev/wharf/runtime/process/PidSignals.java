package dev.wharf.runtime.process;

import dev.wharf.runtime.support.Cmd;
import java.time.Duration;
import java.util.List;

/** Signals to whole process groups (Java's ProcessHandle only reaches one process). */
final class PidSignals {
    private PidSignals() {
    }

    static void signalGroup(long pgid, String signal) {
        if (pgid <= 1) {
            return;
        }
        Cmd.Result r = Cmd.run(List.of("kill", "-s", signal, "--", "-" + pgid), Duration.ofSeconds(5));
        if (!r.ok()) {
            Cmd.run(List.of("kill", "-s", signal, Long.toString(pgid)), Duration.ofSeconds(5));
        }
    }

    static boolean alive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
