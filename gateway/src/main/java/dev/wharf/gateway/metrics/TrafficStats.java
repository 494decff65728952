package dev.wharf.gateway.metrics;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one scope (a service, a route or an endpoint). Every field is a lock-free adder. */
public class TrafficStats {
    /** Completed requests by status class: index 0 = 1xx ... 4 = 5xx. */
    final LongAdder[] byClass = LatencyHistogram.adders(5);
    final LatencyHistogram latency = new LatencyHistogram();
    public final LongAdder activeRequests = new LongAdder();
    public final LongAdder activeConnections = new LongAdder();
    public final LongAdder bytesIn = new LongAdder();
    public final LongAdder bytesOut = new LongAdder();
    public final LongAdder connectErrors = new LongAdder();
    public final LongAdder retries = new LongAdder();
    public final LongAdder ejections = new LongAdder();

    static int classOf(int status) {
        int c = status / 100 - 1;
        return c < 0 ? 0 : Math.min(c, 4);
    }

    /** A completed request with its status and latency. */
    public void completed(int status, long micros) {
        byClass[classOf(status)].increment();
        latency.record(micros);
    }

    public long requests(int statusClass) {
        return byClass[statusClass - 1].sum();
    }
}
