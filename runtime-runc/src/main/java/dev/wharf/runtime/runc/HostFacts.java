package dev.wharf.runtime.runc;

import dev.wharf.runtime.support.ContainerRecord;
import dev.wharf.runtime.support.StateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the kernel says about the agent and its containers: cgroups, OOM kills, the agent's own limits. */
final class HostFacts {
    private HostFacts() {
    }

    /** The container's memory cgroup as the kernel names it in /proc/PID/cgroup (never built by hand). */
    static String memoryCgroup(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"))) {
                String[] p = line.split(":", 3);
                if (p.length == 3 && List.of(p[1].split(",")).contains("memory")) {
                    return p[2];
                }
            }
        } catch (IOException e) {
            // exited already: OOM detection falls back to "not OOM"
        }
        return null;
    }

    /**
     * OOM kill: conmon watches the memory cgroup and creates {@code <bundle>/oom} when the kernel kills in it;
     * we also read cgroup v1's {@code memory.oom_control} counter (kept until runc deletes the cgroup). The
     * answer is cached in {@code oom-killed}, so it survives the cgroup, but only once conmon has written the exit
     * code ({@code exitRecorded}): before that runc may already say "stopped" while conmon has not yet handled the
     * OOM event, and a "no" cached then would stick although the {@code oom} marker comes a moment later.
     */
    static boolean oomKilled(Path dir, ContainerRecord rec, boolean exitRecorded) {
        if (Files.exists(dir.resolve("oom"))) {
            return true;
        }
        Path cached = dir.resolve("oom-killed");
        Optional<String> known = StateFiles.readText(cached);
        if (known.isPresent()) {
            return Boolean.parseBoolean(known.get());
        }
        boolean oom = false;
        if (rec.memoryCgroup() != null) {
            try {
                Path control = Path.of("/sys/fs/cgroup/memory" + rec.memoryCgroup(), "memory.oom_control");
                oom = Files.readAllLines(control).stream().anyMatch(l -> l.startsWith("oom_kill ") && !l.endsWith(" 0"));
            } catch (IOException e) {
                oom = false;
            }
        }
        if (oom || exitRecorded) {
            StateFiles.write(cached, Boolean.toString(oom).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return oom;
    }

    static int ownOomScoreAdj() {
        return StateFiles.readText(Path.of("/proc/self/oom_score_adj")).map(Integer::parseInt).orElse(0);
    }

    static long ownNofileLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                    return f[1].equals("unlimited") ? 1048576 : Math.min(1048576, Long.parseLong(f[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return 1024;
    }
}
