package dev.wharf.bench.scheduler;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The same batch as {@link SchedulerThroughputBenchmark} without JMH, printing pods/s by wall clock and per
 * CPU-second of the scheduling thread: on a shared machine (CI, several builds on 2 cores) the second figure
 * says what the algorithm costs when the thread is descheduled part of the time.
 * {@code java -cp ... dev.wharf.bench.scheduler.SchedulerThroughputRun [required|preferred] [rounds]}
 */
public final class SchedulerThroughputRun {
    private SchedulerThroughputRun() {
    }

    public static void main(String[] args) {
        SchedulerThroughputBenchmark b = new SchedulerThroughputBenchmark();
        b.antiAffinity = args.length > 0 ? args[0] : "required";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        b.cluster();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < rounds; r++) {
            b.emptyCluster();
            long cpu0 = mx.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            b.scheduleBatch();
            long wall = System.nanoTime() - wall0;
            long cpu = mx.getCurrentThreadCpuTime() - cpu0;
            b.allPlaced();
            System.out.printf("round %d (%s): %.0f pods/s wall, %.0f pods per cpu-second%n", r, b.antiAffinity,
                    SchedulerThroughputBenchmark.PODS * 1e9 / wall, SchedulerThroughputBenchmark.PODS * 1e9 / cpu);
        }
    }
}
