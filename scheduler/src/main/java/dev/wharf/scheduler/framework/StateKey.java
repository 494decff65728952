package dev.wharf.scheduler.framework;

import java.util.concurrent.atomic.AtomicInteger;

/** A typed slot in {@link CycleState}; plugins declare one constant each. */
public final class StateKey<T> {
    private static final AtomicInteger NEXT = new AtomicInteger();

    final int id = NEXT.getAndIncrement();
    private final String name;

    private StateKey(String name) {
        this.name = name;
    }

    public static <T> StateKey<T> of(String name) {
        return new StateKey<>(name);
    }

    @Override
    public String toString() {
        return "StateKey[" + name + "]";
    }
}
