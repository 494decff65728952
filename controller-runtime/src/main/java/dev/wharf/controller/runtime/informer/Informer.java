package dev.wharf.controller.runtime.informer;

import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controller.runtime.ApiClient.EventType;
import dev.wharf.controller.runtime.ApiClient.ListOptions;
import dev.wharf.controller.runtime.ApiClient.WatchHandle;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * List then watch one kind through the {@link ApiClient}, keeping a {@link Cache} and telling
 * {@link EventHandler}s. When the watch ends (the server closed it, or 410 Gone because our resourceVersion was
 * compacted) it lists again, reporting what changed meanwhile as adds, updates and deletes, and watches from the
 * new list's resourceVersion.
 */
public final class Informer<T extends HasMetadata> {
    private static final Logger LOG = Logger.getLogger(Informer.class.getName());

    private final ApiClient api;
    private final Class<T> type;
    private final ListOptions options;
    private final Cache<T> cache = new Cache<>();
    private final List<EventHandler<T>> handlers = new CopyOnWriteArrayList<>();
    private volatile boolean synced;
    private volatile boolean stopped = true;
    private volatile WatchHandle watch;
    private int relists;

    public Informer(ApiClient api, Class<T> type) {
        this(api, type, ListOptions.all());
    }

    public Informer(ApiClient api, Class<T> type, ListOptions options) {
        this.api = api;
        this.type = type;
        this.options = options;
    }

    public Class<T> type() {
        return type;
    }

    public Cache<T> cache() {
        return cache;
    }

    public boolean hasSynced() {
        return synced;
    }

    /** How many times the informer listed (1 after start; more after watch closes). */
    public synchronized int relists() {
        return relists;
    }

    public Informer<T> addHandler(EventHandler<T> handler) {
        handlers.add(handler);
        if (synced) {
            cache.list().forEach(handler::onAdd);
        }
        return this;
    }

    /** Lists and starts watching; returns once the cache holds the listed state. */
    public void start() {
        stopped = false;
        relistAndWatch();
    }

    public void stop() {
        stopped = true;
        WatchHandle w = watch;
        if (w != null) {
            w.close();
        }
    }

    private synchronized void relistAndWatch() {
        if (stopped) {
            return;
        }
        relists++;
        ApiClient.ObjectList<T> list = api.list(type, options);
        Set<String> seen = new HashSet<>();
        for (T item : list.items()) {
            seen.add(Cache.keyOf(item));
            apply(EventType.MODIFIED, item);
        }
        for (String key : cache.keys()) {
            if (!seen.contains(key)) {
                T gone = cache.remove(key);
                handlers.forEach(h -> h.onDelete(gone));
            }
        }
        synced = true;
        watch = api.watch(type, options.fromVersion(list.resourceVersion()), new ApiClient.WatchListener<>() {
            @Override
            public void onEvent(EventType event, T object) {
                apply(event, object);
            }

            @Override
            public void onClose(Throwable cause) {
                if (!stopped) {
                    restartLater(cause);
                }
            }
        });
    }

    private void restartLater(Throwable cause) {
        try {
            relistAndWatch();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "re-list of " + type.getSimpleName() + " failed; retrying", e);
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(1000);
                    restartLater(e);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    private void apply(EventType event, T object) {
        switch (event) {
            case ADDED, MODIFIED -> {
                T old = cache.put(object);
                if (old == null) {
                    handlers.forEach(h -> h.onAdd(object));
                } else if (!Objects.equals(old.getMetadata().getResourceVersion(),
                        object.getMetadata().getResourceVersion())) {
                    handlers.forEach(h -> h.onUpdate(old, object));
                }
            }
            case DELETED -> {
                T old = cache.remove(Cache.keyOf(object));
                handlers.forEach(h -> h.onDelete(object));
            }
            case BOOKMARK -> {
            }
        }
    }
}
