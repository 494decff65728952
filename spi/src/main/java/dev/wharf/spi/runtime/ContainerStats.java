package dev.wharf.spi.runtime;

/** Resource usage of a running container (cgroup counters). */
public record ContainerStats(long cpuUsageNanos, long memoryWorkingSetBytes, long pids) {
    public static final ContainerStats ZERO = new ContainerStats(0, 0, 0);
}
