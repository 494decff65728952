package dev.wharf.apiserver.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.apiserver.registry.Keys;
import dev.wharf.apiserver.registry.ObjectStorage;
import dev.wharf.apiserver.registry.StoredObject;
import dev.wharf.apiserver.rest.ListQuery;
import dev.wharf.apiserver.rest.Selection;
import dev.wharf.common.Clock;
import dev.wharf.common.Json;
import dev.wharf.spi.store.CompactedException;
import dev.wharf.spi.store.Store;
import dev.wharf.spi.store.WatchEvent;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One client watch over one store watch. resourceVersion "" or "0" first sends a synthetic ADDED per current
 * object, then the changes after the list's revision; N sends the changes after N (410 Expired when compacted).
 * Events go through the label/field selection; BOOKMARKs at an interval when asked for; the watch ends at its
 * timeout, when the sink closes, or when the store ends it.
 */
public final class ResourceWatch implements AutoCloseable {
    private static final Object CLOSED = new Object();
    private final ResourceType type;
    private final Clock clock;
    private final EventFilter filter;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Store.Watch storeWatch;
    private final List<StoredObject> initial;
    private volatile boolean closed;
    private final long openedAt;
    private long lastRevision;

    /** Opens the store watch; throws ApiException 410 when {@code query.resourceVersion()} is compacted. */
    public ResourceWatch(ObjectStorage storage, ResourceType type, String namespace, ListQuery query, Clock clock) {
        this.type = type;
        this.clock = clock;
        this.openedAt = clock.nanoTime();
        Selection selection = Selection.of(type, query);
        this.filter = new EventFilter(selection);
        String prefix = Keys.listPrefix(type, namespace);
        String rv = query.resourceVersion();
        long from;
        if (rv == null || rv.isEmpty() || rv.equals("0")) {
            ObjectStorage.Page page = storage.range(prefix, null, 0);
            from = page.revision();
            initial = page.items().stream().filter(o -> selection.matches(o.object())).toList();
        } else {
            try {
                from = Long.parseLong(rv);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("invalid resource version: " + rv);
            }
            initial = List.of();
        }
        lastRevision = from;
        try {
            storeWatch = storage.store().watch(prefix, from, new Store.WatchListener() {
                @Override
                public void onEvents(List<WatchEvent> events) {
                    queue.addAll(events);
                }

                @Override
                public void onClose(Throwable cause) {
                    queue.add(CLOSED);
                }
            });
        } catch (CompactedException e) {
            throw ApiException.gone("too old resource version: " + from + " (" + (e.compactedRevision() + 1) + ")");
        }
    }

    /**
     * Delivers events to {@code sink} on the calling thread until the timeout (clock time since the watch opened), close, or the sink
     * going away. {@code bookmarkEveryNanos} &lt;= 0 disables bookmarks.
     */
    public void run(WatchEventSink sink, long timeoutNanos, long bookmarkEveryNanos) throws Exception {
        try {
            for (StoredObject o : initial) {
                sink.send("ADDED", o.object());
            }
            long deadline = openedAt + timeoutNanos;
            long nextBookmark = openedAt + bookmarkEveryNanos;
            while (!closed && sink.isOpen()) {
                long now = clock.nanoTime();
                if (now - deadline >= 0) {
                    return;
                }
                if (bookmarkEveryNanos > 0 && now - nextBookmark >= 0) {
                    sink.send("BOOKMARK", bookmark());
                    nextBookmark = now + bookmarkEveryNanos;
                }
                long wait = Math.min(deadline - now, TimeUnit.SECONDS.toNanos(1));
                Object item = queue.poll(Math.max(wait, 1), TimeUnit.NANOSECONDS);
                if (item == CLOSED) {
                    return;
                }
                if (item instanceof WatchEvent e) {
                    lastRevision = e.revision();
                    EventFilter.Out out = filter.convert(e);
                    if (out != null) {
                        sink.send(out.type(), out.object());
                    }
                }
            }
        } finally {
            close();
        }
    }

    private ObjectNode bookmark() {
        ObjectNode o = Json.object().put("kind", type.kind()).put("apiVersion", type.apiVersion());
        o.putObject("metadata").put("resourceVersion", Long.toString(lastRevision));
        return o;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            storeWatch.close();
            queue.add(CLOSED);
        }
    }
}
