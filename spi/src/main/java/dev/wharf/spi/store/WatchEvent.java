package dev.wharf.spi.store;

/**
 * A change seen by a watch. For a PUT, {@code kv} is the new value; for a DELETE, {@code kv} holds the key with
 * the deletion's revision as modRevision and an empty value. {@code prevKv} is the value before the change
 * (null when the key did not exist).
 */
public record WatchEvent(Type type, KeyValue kv, KeyValue prevKv) {
    public enum Type { PUT, DELETE }

    public long revision() {
        return kv.modRevision();
    }
}
