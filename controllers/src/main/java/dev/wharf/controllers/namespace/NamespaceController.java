package dev.wharf.controllers.namespace;

import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controller.runtime.ApiClient.DeleteOptions;
import dev.wharf.controller.runtime.ApiClient.ListOptions;
import dev.wharf.controller.runtime.Controller;
import dev.wharf.controller.runtime.ControllerManager;
import dev.wharf.controller.runtime.Key;
import dev.wharf.controller.runtime.Reconciler;
import dev.wharf.controller.runtime.Result;
import dev.wharf.controller.runtime.informer.EventHandler;
import dev.wharf.controller.runtime.informer.Informer;
import dev.wharf.controllers.support.Meta;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Empties a Terminating namespace: deletes every namespaced object in it (of every served kind), and once none
 * is left removes the {@code kubernetes} finalizer through {@code namespaces/{name}/finalize}, so that the
 * namespace itself goes. Objects that wait for their own finalizers or graceful deletion are looked at again
 * every few seconds.
 */
public final class NamespaceController implements Reconciler {
    public static final String NAME = "namespace-controller";
    static final String FINALIZER = "kubernetes";
    private static final Duration RECHECK = Duration.ofSeconds(2);

    private final ApiClient api;
    private final ResourceTypes types;
    private final Informer<Namespace> namespaces;
    private final Controller controller;

    public NamespaceController(ControllerManager manager, ResourceTypes types, int workers) {
        this.api = manager.api();
        this.types = types;
        this.namespaces = manager.informer(Namespace.class);
        this.controller = manager.add(new Controller(NAME, this, manager.clock(), workers));
        namespaces.addHandler(EventHandler.any(ns -> {
            if (Meta.isDeleting(ns)) {
                controller.enqueue(Key.of(ns));
            }
        }));
    }

    public Controller controller() {
        return controller;
    }

    @Override
    public Result reconcile(Key key) {
        Namespace ns = namespaces.cache().get(null, key.name());
        if (ns == null || !Meta.isDeleting(ns)) {
            return Result.DONE;
        }
        String name = ns.getMetadata().getName();
        for (ResourceType rt : types.all()) {
            if (rt.namespaced()) {
                for (HasMetadata o : api.list(rt.modelClass(), ListOptions.in(name)).items()) {
                    if (!Meta.isDeleting(o)) {
                        api.delete(rt.modelClass(), name, o.getMetadata().getName(), DeleteOptions.background());
                    }
                }
            }
        }
        if (remaining(name) > 0) {
            return Result.after(RECHECK);
        }
        List<String> finalizers = ns.getSpec() == null || ns.getSpec().getFinalizers() == null
                ? List.of() : ns.getSpec().getFinalizers();
        if (finalizers.contains(FINALIZER)) {
            Namespace copy = Meta.copy(ns);
            List<String> rest = new ArrayList<>(finalizers);
            rest.remove(FINALIZER);
            copy.getSpec().setFinalizers(rest);
            api.finalizeNamespace(copy);
        }
        return Result.DONE;
    }

    private int remaining(String namespace) {
        int n = 0;
        for (ResourceType rt : types.all()) {
            if (rt.namespaced()) {
                n += api.list(rt.modelClass(), ListOptions.in(namespace)).items().size();
            }
        }
        return n;
    }
}
