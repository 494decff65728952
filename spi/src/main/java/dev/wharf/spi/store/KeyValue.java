package dev.wharf.spi.store;

/** One key's value at one revision, with etcd's per-key revision bookkeeping. */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision, long version) {
}
