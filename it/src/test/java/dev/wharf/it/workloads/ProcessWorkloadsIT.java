package dev.wharf.it.workloads;

/**
 * The core scenarios on the `process` driver (host processes, 127.x pod IPs, {@code POD_IP}/{@code PORT}
 * variables): meaningful on any machine, root or not. No isolation, so no OOM and no zone anti-affinity check here.
 */
class ProcessWorkloadsIT extends WorkloadScenarios {
    @Override
    String runtime() {
        return "process";
    }

    @Override
    void requireDriver() {
        // host processes run everywhere; kubectl is required by the cluster itself
    }

    @Override
    String podIpPrefix() {
        return "127.";
    }

    @Override
    boolean spreadOverZones() {
        return false;
    }
}
