package dev.wharf.spi.store;

import java.util.List;

/**
 * The outcome of a transaction. {@code revision} is the store revision after it (unchanged when nothing was
 * written). {@code puts} are the written values in op order; {@code deleted} the values that deletes removed;
 * {@code gets} the values read by Get ops (null entries for missing keys).
 */
public record TxnResult(boolean succeeded, long revision, List<KeyValue> puts, List<KeyValue> deleted, List<KeyValue> gets) {
}
