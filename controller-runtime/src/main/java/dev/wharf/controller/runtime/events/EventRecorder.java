package dev.wharf.controller.runtime.events;

import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.common.Clock;
import dev.wharf.controller.runtime.ApiClient;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes core/v1 Events about objects, as client-go's recorder with its correlator: an identical event (same
 * object, type, reason, message, source) seen again bumps {@code count} and {@code lastTimestamp} of the first
 * one instead of creating another. Failures to write are logged, never thrown: events are advisory.
 */
public final class EventRecorder {
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";
    private static final Logger LOG = Logger.getLogger(EventRecorder.class.getName());
    private static final int REMEMBERED = 4096;

    private record Identity(String uid, String kind, String namespace, String name, String type, String reason,
            String message) {
    }

    private record Seen(String namespace, String eventName) {
    }

    private final ApiClient api;
    private final Clock clock;
    private final String component;
    private final Map<Identity, Seen> seen = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Identity, Seen> eldest) {
            return size() > REMEMBERED;
        }
    };
    /** Shared by all recorders so that two of them never name an event alike in the same millisecond. */
    private static final java.util.concurrent.atomic.AtomicLong SEQUENCE = new java.util.concurrent.atomic.AtomicLong();

    public EventRecorder(ApiClient api, Clock clock, String component) {
        this.api = api;
        this.clock = clock;
        this.component = component;
    }

    public void normal(HasMetadata object, String reason, String message) {
        event(object, NORMAL, reason, message);
    }

    public void warning(HasMetadata object, String reason, String message) {
        event(object, WARNING, reason, message);
    }

    public synchronized void event(HasMetadata object, String type, String reason, String message) {
        ObjectReference ref = reference(object);
        String namespace = ref.getNamespace() == null || ref.getNamespace().isEmpty() ? "default" : ref.getNamespace();
        Identity id = new Identity(ref.getUid(), ref.getKind(), namespace, ref.getName(), type, reason, message);
        String now = clock.now().truncatedTo(ChronoUnit.SECONDS).toString();
        try {
            Seen previous = seen.get(id);
            if (previous != null) {
                Event existing = api.get(Event.class, previous.namespace(), previous.eventName());
                if (existing != null) {
                    existing.setCount((existing.getCount() == null ? 1 : existing.getCount()) + 1);
                    existing.setLastTimestamp(now);
                    api.update(existing);
                    return;
                }
            }
            Event e = new Event();
            String name = ref.getName() + "." + Long.toHexString(clock.now().toEpochMilli() * 1_000_000 + SEQUENCE.incrementAndGet() % 1_000_000);
            e.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
            e.setInvolvedObject(ref);
            e.setType(type);
            e.setReason(reason);
            e.setMessage(message);
            e.setSource(new EventSource(component, null));
            e.setReportingComponent(component);
            e.setCount(1);
            e.setFirstTimestamp(now);
            e.setLastTimestamp(now);
            api.create(e);
            seen.put(id, new Seen(namespace, name));
        } catch (ApiException | IllegalArgumentException ex) {
            LOG.log(Level.FINE, "event " + reason + " for " + ref.getName() + " not recorded: " + ex.getMessage());
        }
    }

    private static ObjectReference reference(HasMetadata o) {
        String apiVersion = o.getApiVersion();
        String kind = o.getKind();
        if (apiVersion == null || kind == null) {
            var rt = ResourceTypes.builtIn().byClass(o.getClass());
            apiVersion = rt.apiVersion();
            kind = rt.kind();
        }
        return new ObjectReferenceBuilder().withApiVersion(apiVersion).withKind(kind)
                .withNamespace(o.getMetadata().getNamespace()).withName(o.getMetadata().getName())
                .withUid(o.getMetadata().getUid()).withResourceVersion(o.getMetadata().getResourceVersion()).build();
    }
}
