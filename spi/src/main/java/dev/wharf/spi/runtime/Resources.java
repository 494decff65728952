package dev.wharf.spi.runtime;

/**
 * Resource limits of a container; 0 means "no limit" (or, for shares, the runtime's default).
 *
 * @param cpuLimitMillis CPU limit in millicores (quota over a 100 ms period)
 * @param cpuShares      relative CPU weight (Kubernetes: requests.cpu millis * 1024 / 1000, minimum 2)
 * @param memoryLimitBytes memory limit; exceeding it gets the container OOM-killed
 * @param pidsLimit      maximum number of processes
 */
public record Resources(long cpuLimitMillis, long cpuShares, long memoryLimitBytes, long pidsLimit) {
    public static final Resources NONE = new Resources(0, 0, 0, 0);

    public Resources {
        if (cpuLimitMillis < 0 || cpuShares < 0 || memoryLimitBytes < 0 || pidsLimit < 0) {
            throw new IllegalArgumentException("resource limits must be >= 0");
        }
    }

    /** Kubernetes' conversion of a CPU request to cgroup v1 shares. */
    public static long sharesForRequestMillis(long millis) {
        return millis <= 0 ? 2 : Math.max(2, millis * 1024 / 1000);
    }
}
