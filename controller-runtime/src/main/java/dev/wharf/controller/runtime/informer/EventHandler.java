package dev.wharf.controller.runtime.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Told of every change an informer sees. Implementations only enqueue keys: work happens in reconcilers. */
public interface EventHandler<T extends HasMetadata> {
    default void onAdd(T object) {
    }

    default void onUpdate(T old, T now) {
    }

    /** {@code last} is the last state known (the cache's, or the DELETED event's). */
    default void onDelete(T last) {
    }

    /** One callback for all three: what most controllers want. */
    static <T extends HasMetadata> EventHandler<T> any(java.util.function.Consumer<T> enqueue) {
        return new EventHandler<>() {
            @Override
            public void onAdd(T object) {
                enqueue.accept(object);
            }

            @Override
            public void onUpdate(T old, T now) {
                enqueue.accept(now);
            }

            @Override
            public void onDelete(T last) {
                enqueue.accept(last);
            }
        };
    }
}
