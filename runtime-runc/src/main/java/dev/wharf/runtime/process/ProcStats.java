package dev.wharf.runtime.process;

import dev.wharf.spi.runtime.ContainerStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Usage of a process tree from /proc: CPU (utime+stime at 100 Hz), resident memory, process count. */
final class ProcStats {
    private static final long TICK_NANOS = 10_000_000L;
    private static final long PAGE = 4096;

    private ProcStats() {
    }

    static ContainerStats ofTree(long pid) {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        long cpu = 0;
        long rss = 0;
        int alive = 0;
        for (long p : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(p), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                cpu += (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS;
                String[] statm = Files.readString(Path.of("/proc", Long.toString(p), "statm")).split(" ");
                rss += Long.parseLong(statm[1]) * PAGE;
                alive++;
            } catch (IOException | RuntimeException e) {
                // the process ended while we looked
            }
        }
        return new ContainerStats(cpu, rss, alive);
    }
}
