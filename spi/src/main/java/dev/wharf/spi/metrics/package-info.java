/** Metrics boundaries: Prometheus text contributors and the gateway's traffic figures for the autoscaler. */
package dev.wharf.spi.metrics;
