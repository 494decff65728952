package dev.wharf.spi.metrics;

import java.util.List;
import java.util.Optional;

/** The gateway's per-service traffic, read in-process by the autoscaler and the monitor. */
public interface TrafficSource {
    Optional<ServiceTraffic> service(String namespace, String name);

    List<ServiceTraffic> services();
}
