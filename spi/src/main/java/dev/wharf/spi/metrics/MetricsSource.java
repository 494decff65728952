package dev.wharf.spi.metrics;

/**
 * Something that contributes metrics to the server's {@code /metrics} page, in the Prometheus text exposition
 * format (0.0.4): every family with its {@code # HELP} and {@code # TYPE} lines, names prefixed {@code wharf_}.
 */
@FunctionalInterface
public interface MetricsSource {
    void writePrometheus(StringBuilder out);
}
