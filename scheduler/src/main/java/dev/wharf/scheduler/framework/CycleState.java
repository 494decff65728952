package dev.wharf.scheduler.framework;

import java.util.Arrays;

/**
 * What plugins compute once per pod (in pre-filter or pre-score) and read per node. One per scheduling cycle;
 * slots are an array indexed by {@link StateKey}, so a read in the hot path is an array load.
 */
public final class CycleState {
    private Object[] slots = new Object[16];

    public <T> void write(StateKey<T> key, T value) {
        if (key.id >= slots.length) {
            slots = Arrays.copyOf(slots, Math.max(key.id + 1, slots.length * 2));
        }
        slots[key.id] = value;
    }

    @SuppressWarnings("unchecked")
    public <T> T read(StateKey<T> key) {
        return key.id < slots.length ? (T) slots[key.id] : null;
    }
}
