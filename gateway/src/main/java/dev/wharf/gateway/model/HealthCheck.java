package dev.wharf.gateway.model;

import java.time.Duration;

/**
 * Active health check of every endpoint of a cluster: an HTTP GET of {@code httpPath} (2xx/3xx healthy) or, when
 * {@code httpPath} is empty, a TCP connect. An endpoint failing {@code unhealthyThreshold} checks in a row gets no
 * new traffic until it passes {@code healthyThreshold} in a row.
 */
public record HealthCheck(String httpPath, Duration interval, Duration timeout, int unhealthyThreshold,
                          int healthyThreshold) {
    public HealthCheck {
        httpPath = httpPath == null ? "" : httpPath;
    }
}
