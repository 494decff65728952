package dev.wharf.apiserver.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.apiserver.http.Bodies;
import dev.wharf.apiserver.rest.DeleteRequest;
import dev.wharf.apiserver.rest.ListQuery;
import dev.wharf.apiserver.rest.ListResult;
import dev.wharf.apiserver.rest.ResourceService;
import dev.wharf.apiserver.rest.WriteOptions;
import dev.wharf.apiserver.watch.ResourceWatch;
import dev.wharf.apiserver.watch.WatchEventSink;
import dev.wharf.common.Json;
import dev.wharf.controller.runtime.ApiClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ApiClient} over the service layer: the same checks, defaulting, validation and admission as HTTP
 * requests, without sockets. fabric8 objects are converted to and from JSON trees with {@link Json#MAPPER}.
 * Watches run on a virtual thread each and deliver to the listener in order.
 */
public final class InProcessApiClient implements ApiClient {
    private static final long WATCH_FOREVER = Duration.ofDays(365).toNanos();
    private final ResourceService service;
    private final String fieldManager;

    public InProcessApiClient(ResourceService service, String fieldManager) {
        this.service = service;
        this.fieldManager = fieldManager;
    }

    /** The same client writing as another field manager. */
    public InProcessApiClient as(String manager) {
        return new InProcessApiClient(service, manager);
    }

    @Override
    public <T extends HasMetadata> T get(Class<T> cls, String namespace, String name) {
        ResourceType type = type(cls);
        try {
            return convert(service.reads().get(type, ns(type, namespace), name).object(), cls);
        } catch (ApiException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public <T extends HasMetadata> ObjectList<T> list(Class<T> cls, ListOptions options) {
        ResourceType type = type(cls);
        ListResult result = service.reads().list(type, ns(type, options.namespace()), query(options));
        List<T> items = new ArrayList<>(result.items().size());
        for (ObjectNode o : result.items()) {
            items.add(convert(o, cls));
        }
        return new ObjectList<>(items, Long.toString(result.revision()), result.continueToken());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> T create(T object) {
        ResourceType type = type(object.getClass());
        ObjectNode created = service.creates().create(type, ns(type, object.getMetadata().getNamespace()), Json.tree(object),
                WriteOptions.of(fieldManager));
        return (T) convert(created, object.getClass());
    }

    @Override
    public <T extends HasMetadata> T update(T object) {
        return update(object, null);
    }

    @Override
    public <T extends HasMetadata> T updateStatus(T object) {
        return update(object, "status");
    }

    @SuppressWarnings("unchecked")
    private <T extends HasMetadata> T update(T object, String subresource) {
        ResourceType type = type(object.getClass());
        ObjectNode updated = service.updates().update(type, ns(type, object.getMetadata().getNamespace()),
                object.getMetadata().getName(), subresource, Json.tree(object), WriteOptions.of(fieldManager));
        return (T) convert(updated, object.getClass());
    }

    @Override
    public <T extends HasMetadata> T patch(Class<T> cls, String namespace, String name, ApiClient.PatchType patchType,
            String body, String subresource) {
        ResourceType type = type(cls);
        dev.wharf.apiserver.rest.PatchType kind = switch (patchType) {
            case JSON -> dev.wharf.apiserver.rest.PatchType.JSON;
            case MERGE -> dev.wharf.apiserver.rest.PatchType.MERGE;
            case STRATEGIC_MERGE -> dev.wharf.apiserver.rest.PatchType.STRATEGIC;
            case APPLY -> dev.wharf.apiserver.rest.PatchType.APPLY;
        };
        boolean apply = kind == dev.wharf.apiserver.rest.PatchType.APPLY;
        JsonNode patch = Bodies.patch(body.getBytes(StandardCharsets.UTF_8), apply);
        WriteOptions options = new WriteOptions(fieldManager, false, "Ignore", apply, new ArrayList<>());
        return convert(service.patches().patch(type, ns(type, namespace), name, subresource, kind, patch, options).object(), cls);
    }

    @Override
    public boolean delete(Class<? extends HasMetadata> cls, String namespace, String name, DeleteOptions options) {
        ResourceType type = type(cls);
        DeleteOptions o = options == null ? DeleteOptions.DEFAULT : options;
        try {
            service.deletes().delete(type, ns(type, namespace), name, new DeleteRequest(o.propagationPolicy(),
                    o.gracePeriodSeconds(), o.preconditionUid(), o.preconditionResourceVersion(), false));
            return true;
        } catch (ApiException e) {
            if (e.code() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public <T extends HasMetadata> WatchHandle watch(Class<T> cls, ListOptions options, WatchListener<T> listener) {
        ResourceType type = type(cls);
        ResourceWatch watch;
        try {
            watch = service.watch(type, ns(type, options.namespace()), query(options));
        } catch (ApiException e) {
            Thread.ofVirtual().name("watch-" + type.plural()).start(() -> listener.onClose(e));
            return () -> { };
        }
        Thread.ofVirtual().name("watch-" + type.plural()).start(() -> {
            Throwable cause = null;
            try {
                watch.run(new WatchEventSink() {
                    @Override
                    public void send(String eventType, ObjectNode object) {
                        listener.onEvent(EventType.valueOf(eventType), convert(object, cls));
                    }
                }, WATCH_FOREVER, 0);
            } catch (Throwable t) {
                cause = t;
            } finally {
                listener.onClose(cause);
            }
        });
        return watch::close;
    }

    private ResourceType type(Class<?> cls) {
        @SuppressWarnings("unchecked")
        Class<? extends HasMetadata> c = (Class<? extends HasMetadata>) cls;
        return service.context().types().byClass(c);
    }

    private static String ns(ResourceType type, String namespace) {
        if (!type.namespaced()) {
            return null;
        }
        return namespace == null || namespace.isEmpty() ? null : namespace;
    }

    private static ListQuery query(ListOptions o) {
        return new ListQuery(o.labelSelector(), o.fieldSelector(), o.limit(), o.continueToken(), o.resourceVersion(), null, false);
    }

    private static <T> T convert(ObjectNode node, Class<T> cls) {
        return Json.MAPPER.convertValue(node, cls);
    }
}
