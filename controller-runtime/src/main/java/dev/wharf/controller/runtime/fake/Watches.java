package dev.wharf.controller.runtime.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.common.Json;
import dev.wharf.controller.runtime.ApiClient.EventType;
import dev.wharf.controller.runtime.ApiClient.WatchHandle;
import dev.wharf.controller.runtime.ApiClient.WatchListener;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The fake's event history and its watchers. Callers hold the fake's lock, so events reach every watcher in
 * resourceVersion order. A watcher whose filter stops (starts) matching an object sees DELETED (ADDED), as
 * Kubernetes sends.
 */
final class Watches {
    private static final int HISTORY = 20_000;

    private record Recorded(ResourceType type, EventType event, ObjectNode object, ObjectNode old, long revision) {
    }

    private final class Watcher<T extends HasMetadata> implements WatchHandle {
        final ResourceType type;
        final Class<T> cls;
        final Filter filter;
        final WatchListener<T> listener;
        boolean closed;

        Watcher(ResourceType type, Class<T> cls, Filter filter, WatchListener<T> listener) {
            this.type = type;
            this.cls = cls;
            this.filter = filter;
            this.listener = listener;
        }

        void deliver(Recorded r) {
            if (closed || r.type != type) {
                return;
            }
            boolean now = filter.matches(r.object);
            boolean before = r.old != null && filter.matches(r.old);
            EventType event = r.event;
            if (event == EventType.MODIFIED) {
                if (now && !before) {
                    event = EventType.ADDED;
                } else if (!now && before) {
                    event = EventType.DELETED;
                } else if (!now) {
                    return;
                }
            } else if (!now) {
                return;
            }
            send(event, r.object);
        }

        void send(EventType event, ObjectNode object) {
            try {
                listener.onEvent(event, Json.convert(object, cls));
            } catch (RuntimeException e) {
                // A listener's failure must not break the writer or other watchers.
            }
        }

        @Override
        public void close() {
            synchronized (Watches.this) {
                closed = true;
                watchers.remove(this);
            }
        }
    }

    private final ArrayDeque<Recorded> history = new ArrayDeque<>();
    private final List<Watcher<?>> watchers = new ArrayList<>();
    private long compactedThrough;

    synchronized void record(ResourceType type, EventType event, ObjectNode object, ObjectNode old, long revision) {
        Recorded r = new Recorded(type, event, object.deepCopy(), old == null ? null : old.deepCopy(), revision);
        history.addLast(r);
        while (history.size() > HISTORY) {
            compactedThrough = history.removeFirst().revision;
        }
        for (Watcher<?> w : List.copyOf(watchers)) {
            w.deliver(r);
        }
    }

    synchronized <T extends HasMetadata> WatchHandle add(ResourceType type, Class<T> cls, Filter filter,
            WatchListener<T> listener, long fromRevision, List<ObjectNode> initial) {
        Watcher<T> w = new Watcher<>(type, cls, filter, listener);
        if (fromRevision < compactedThrough) {
            w.closed = true;
            listener.onClose(ApiException.gone("too old resource version: " + fromRevision + " (" + compactedThrough + ")"));
            return w;
        }
        for (ObjectNode o : initial) {
            if (filter.matches(o)) {
                w.send(EventType.ADDED, o);
            }
        }
        for (Recorded r : history) {
            if (r.revision > fromRevision) {
                w.deliver(r);
            }
        }
        watchers.add(w);
        return w;
    }

    synchronized void closeAll(ResourceType type, Throwable cause) {
        for (Watcher<?> w : List.copyOf(watchers)) {
            if (w.type == type) {
                w.closed = true;
                watchers.remove(w);
                w.listener.onClose(cause);
            }
        }
    }

    synchronized void compact(long revision) {
        history.clear();
        compactedThrough = revision;
    }
}
