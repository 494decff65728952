package dev.wharf.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.apiserver.registry.Meta;
import dev.wharf.apiserver.rest.ListQuery;
import dev.wharf.apiserver.rest.ResourceService;
import dev.wharf.apiserver.watch.ResourceWatch;
import dev.wharf.apiserver.watch.WatchEventSink;
import dev.wharf.common.Json;
import java.time.Duration;
import java.util.List;

/**
 * A watch as a chunked stream of {@code {"type":…,"object":…}\n} lines (Table rows when asked for Tables, the
 * first carrying the column definitions). A too-old resourceVersion is an ERROR event with a 410 Expired Status.
 */
public final class WatchEndpoint {
    private final ResourceService service;
    private final Renderer renderer;
    private final Duration defaultTimeout;
    private final Duration bookmarkInterval;

    public WatchEndpoint(ResourceService service, Renderer renderer, Duration defaultTimeout, Duration bookmarkInterval) {
        this.service = service;
        this.renderer = renderer;
        this.defaultTimeout = defaultTimeout;
        this.bookmarkInterval = bookmarkInterval;
    }

    public void watch(ResourceType type, String namespace, ListQuery query, HttpRequest req, Responder r) throws Exception {
        ResourceWatch watch;
        try {
            watch = service.watch(type, namespace, query);
        } catch (ApiException e) {
            if (e.code() != 410) {
                throw e;
            }
            try (Responder.Stream stream = r.stream(200, MediaTypes.JSON)) {
                ObjectNode status = Json.tree(e.status());
                status.put("kind", "Status").put("apiVersion", "v1");
                stream.write(line("ERROR", status));
            }
            return;
        }
        boolean table = MediaTypes.wantsTable(req.header("Accept"));
        String includeObject = req.param("includeObject");
        long timeout = query.timeoutSeconds() != null && query.timeoutSeconds() > 0
                ? Duration.ofSeconds(query.timeoutSeconds()).toNanos() : defaultTimeout.toNanos();
        long bookmarks = query.allowBookmarks() ? bookmarkInterval.toNanos() : 0;
        try (Responder.Stream stream = r.stream(200, MediaTypes.JSON)) {
            boolean[] first = {true};
            watch.run(new WatchEventSink() {
                @Override
                public void send(String eventType, ObjectNode object) throws Exception {
                    ObjectNode payload = object;
                    if (table && !eventType.equals("BOOKMARK")) {
                        payload = renderer.table(type, List.of(object), includeObject, first[0], Meta.resourceVersion(object), null);
                        first[0] = false;
                    }
                    stream.write(line(eventType, payload));
                }

                @Override
                public boolean isOpen() {
                    return stream.isOpen();
                }
            }, timeout, bookmarks);
        } catch (java.io.IOException clientGone) {
            // the client closed the connection: the watch simply ends
        } catch (InterruptedException shuttingDown) {
            Thread.currentThread().interrupt();
        } finally {
            watch.close();
        }
    }

    static byte[] line(String type, ObjectNode object) {
        ObjectNode event = Json.object().put("type", type);
        event.set("object", object);
        byte[] json = Json.bytes(event);
        byte[] out = new byte[json.length + 1];
        System.arraycopy(json, 0, out, 0, json.length);
        out[json.length] = '\n';
        return out;
    }
}
