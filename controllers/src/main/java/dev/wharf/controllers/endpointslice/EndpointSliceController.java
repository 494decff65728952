package dev.wharf.controllers.endpointslice;

import dev.wharf.api.ApiException;
import dev.wharf.common.Ids;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controller.runtime.ApiClient.DeleteOptions;
import dev.wharf.controller.runtime.Controller;
import dev.wharf.controller.runtime.ControllerManager;
import dev.wharf.controller.runtime.Key;
import dev.wharf.controller.runtime.Reconciler;
import dev.wharf.controller.runtime.Result;
import dev.wharf.controller.runtime.informer.EventHandler;
import dev.wharf.controller.runtime.informer.Informer;
import dev.wharf.controllers.endpoints.Backend;
import dev.wharf.controllers.endpoints.Backends;
import dev.wharf.controllers.endpoints.ServiceTriggers;
import dev.wharf.controllers.support.Meta;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import dev.wharf.common.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Publishes the pods behind each Service with a selector as discovery.k8s.io/v1 EndpointSlices named
 * {@code <service>-<5 random characters>}, labelled {@code kubernetes.io/service-name} and
 * {@code endpointslice.kubernetes.io/managed-by: endpointslice-controller.wharf.dev}, owned by the Service (so
 * the garbage collector removes them with it). Each endpoint carries ready / serving / terminating conditions,
 * nodeName, zone, hostname and its Pod targetRef; see {@link SliceLayout} for how they are split. A slice is
 * written only when its content changes.
 */
public final class EndpointSliceController implements Reconciler {
    public static final String NAME = "endpointslice-controller";
    /** How long a slice this controller created may stay unseen by its informer before it acts again anyway. */
    static final Duration CREATE_TIMEOUT = Duration.ofSeconds(5);

    private final ApiClient api;
    private final RandomGenerator random;
    private final Informer<Service> services;
    private final Informer<Pod> pods;
    private final Informer<Node> nodes;
    private final Informer<EndpointSlice> slices;
    private final Controller controller;
    private final Clock clock;
    /** Slices created but not yet in the informer's cache, by Service: acting before would create them twice. */
    private final Map<Key, Map<String, Instant>> unseen = new ConcurrentHashMap<>();

    public EndpointSliceController(ControllerManager manager, RandomGenerator random, int workers) {
        this.api = manager.api();
        this.random = random;
        this.clock = manager.clock();
        this.services = manager.informer(Service.class);
        this.pods = manager.informer(Pod.class);
        this.nodes = manager.informer(Node.class);
        this.slices = manager.informer(EndpointSlice.class);
        this.controller = manager.add(new Controller(NAME, this, manager.clock(), workers));
        ServiceTriggers.register(manager, controller);
        slices.addHandler(EventHandler.any(slice -> {
            String service = serviceOf(slice);
            if (service != null) {
                controller.enqueue(Key.of(slice.getMetadata().getNamespace(), service));
            }
        }));
    }

    public Controller controller() {
        return controller;
    }

    @Override
    public Result reconcile(Key key) {
        Service svc = services.cache().get(key.namespace(), key.name());
        List<EndpointSlice> mine = new ArrayList<>();
        for (EndpointSlice s : slices.cache().byNamespace(key.namespace())) {
            if (key.name().equals(serviceOf(s)) && (svc == null || Meta.isControlledBy(s, svc) || Meta.controllerOf(s) == null)) {
                mine.add(s);
            }
        }
        if (!createsObserved(key, mine)) {
            return Result.after(Duration.ofMillis(200));
        }
        if (svc == null || !Backends.managed(svc) || Meta.isDeleting(svc)) {
            for (EndpointSlice s : mine) {
                api.delete(EndpointSlice.class, key.namespace(), s.getMetadata().getName(), DeleteOptions.background());
            }
            return Result.DONE;
        }
        List<Backend> backends = Backends.of(svc, pods.cache().byNamespace(key.namespace()), this::zoneOf);
        SliceLayout.Plan plan = SliceLayout.plan(svc, backends, mine, () -> svc.getMetadata().getName() + "-" + suffix());
        boolean requeue = false;
        for (EndpointSlice s : plan.update()) {
            api.update(s);
        }
        for (EndpointSlice s : plan.create()) {
            try {
                api.create(s);
                unseen.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).put(s.getMetadata().getName(), clock.now());
            } catch (ApiException e) {
                if (e.code() != 409) {
                    throw e;
                }
                requeue = true;
            }
        }
        for (EndpointSlice s : plan.delete()) {
            api.delete(EndpointSlice.class, key.namespace(), s.getMetadata().getName(), DeleteOptions.background());
        }
        return requeue ? Result.REQUEUE : Result.DONE;
    }

    /** True when every slice created for {@code key} is in the cache (or was created too long ago to wait for). */
    private boolean createsObserved(Key key, List<EndpointSlice> cached) {
        Map<String, Instant> pending = unseen.get(key);
        if (pending == null) {
            return true;
        }
        Instant now = clock.now();
        for (EndpointSlice s : cached) {
            pending.remove(s.getMetadata().getName());
        }
        pending.values().removeIf(created -> !created.plus(CREATE_TIMEOUT).isAfter(now));
        if (pending.isEmpty()) {
            unseen.remove(key);
            return true;
        }
        return false;
    }

    /** The Service a slice of this controller belongs to, or null for others' slices. */
    static String serviceOf(EndpointSlice slice) {
        Map<String, String> labels = slice.getMetadata().getLabels();
        if (labels == null || !SliceLayout.MANAGED_BY.equals(labels.get(SliceLayout.MANAGED_BY_LABEL))) {
            return null;
        }
        return labels.get(SliceLayout.SERVICE_NAME_LABEL);
    }

    private String suffix() {
        synchronized (random) {
            return Ids.suffix(random, 5);
        }
    }

    private String zoneOf(String nodeName) {
        Node node = nodes.cache().get(null, nodeName);
        if (node == null || node.getMetadata().getLabels() == null) {
            return null;
        }
        return node.getMetadata().getLabels().get(Backends.ZONE_LABEL);
    }
}
