package dev.wharf.controllers.gc;

import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controller.runtime.ApiClient.DeleteOptions;
import dev.wharf.controller.runtime.Controller;
import dev.wharf.controller.runtime.ControllerManager;
import dev.wharf.controller.runtime.Key;
import dev.wharf.controller.runtime.Reconciler;
import dev.wharf.controller.runtime.Result;
import dev.wharf.controller.runtime.informer.EventHandler;
import dev.wharf.controller.runtime.informer.Informer;
import dev.wharf.controllers.support.Meta;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' garbage collector over every served kind. A dependent whose owners (by uid) are all gone is
 * deleted; one with some live owners loses the references to the dead ones. An owner deleted with
 * {@code foregroundDeletion} has its dependents deleted first and keeps the finalizer until no dependent with
 * {@code blockOwnerDeletion} is left; one deleted with {@code orphan} has its references removed from its
 * dependents, then the finalizer. Keys carry the resource ("deployments.apps") as well as namespace and name.
 */
public final class GarbageCollector implements Reconciler {
    public static final String NAME = "garbage-collector";
    static final String FOREGROUND = "foregroundDeletion";
    static final String ORPHAN = "orphan";

    private record Watched(ResourceType type, Informer<? extends HasMetadata> informer) {
    }

    private final ApiClient api;
    private final ResourceTypes types;
    private final Map<String, Watched> watched = new LinkedHashMap<>();
    private final Controller controller;

    public GarbageCollector(ControllerManager manager, ResourceTypes types, int workers) {
        this.api = manager.api();
        this.types = types;
        this.controller = manager.add(new Controller(NAME, this, manager.clock(), workers));
        for (ResourceType rt : types.all()) {
            Informer<? extends HasMetadata> informer = manager.informer(rt.modelClass());
            watched.put(rt.qualifiedName(), new Watched(rt, informer));
            register(rt, informer);
        }
    }

    public Controller controller() {
        return controller;
    }

    private <T extends HasMetadata> void register(ResourceType rt, Informer<T> informer) {
        informer.addHandler(new EventHandler<>() {
            @Override
            public void onAdd(T o) {
                changed(rt, o);
            }

            @Override
            public void onUpdate(T old, T now) {
                changed(rt, now);
            }

            @Override
            public void onDelete(T last) {
                for (Watched w : watched.values()) {
                    for (HasMetadata dep : w.informer().cache().byOwner(last.getMetadata().getUid())) {
                        controller.enqueue(key(w.type(), dep));
                    }
                }
                enqueueDeletingOwners(last);
            }
        });
    }

    private void changed(ResourceType rt, HasMetadata o) {
        boolean hasOwners = o.getMetadata().getOwnerReferences() != null && !o.getMetadata().getOwnerReferences().isEmpty();
        if (hasOwners || Meta.hasFinalizer(o, FOREGROUND) || Meta.hasFinalizer(o, ORPHAN)) {
            controller.enqueue(key(rt, o));
        }
        enqueueDeletingOwners(o);
    }

    /** An owner waiting in foreground deletion must look again when one of its dependents changes or goes. */
    private void enqueueDeletingOwners(HasMetadata dependent) {
        if (dependent.getMetadata().getOwnerReferences() == null) {
            return;
        }
        for (OwnerReference ref : dependent.getMetadata().getOwnerReferences()) {
            for (Watched w : watched.values()) {
                HasMetadata owner = w.informer().cache().getByUid(ref.getUid());
                if (owner != null && Meta.isDeleting(owner)) {
                    controller.enqueue(key(w.type(), owner));
                }
            }
        }
    }

    private static Key key(ResourceType rt, HasMetadata o) {
        return new Key(rt.qualifiedName(), o.getMetadata().getNamespace(), o.getMetadata().getName());
    }

    @Override
    public Result reconcile(Key key) {
        Watched w = watched.get(key.resource());
        if (w == null) {
            return Result.DONE;
        }
        HasMetadata o = w.informer().cache().get(key.namespace(), key.name());
        if (o == null) {
            return Result.DONE;
        }
        if (Meta.isDeleting(o)) {
            if (Meta.hasFinalizer(o, ORPHAN)) {
                orphanDependents(o);
                removeFinalizer(o, ORPHAN);
            } else if (Meta.hasFinalizer(o, FOREGROUND)) {
                if (deleteDependentsFirst(o) == 0) {
                    removeFinalizer(o, FOREGROUND);
                }
            }
            return Result.DONE;
        }
        collectIfOrphaned(w.type(), o);
        return Result.DONE;
    }

    private void collectIfOrphaned(ResourceType rt, HasMetadata o) {
        List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
        if (refs == null || refs.isEmpty()) {
            return;
        }
        List<OwnerReference> live = new ArrayList<>();
        List<OwnerReference> gone = new ArrayList<>();
        boolean waitingOwner = false;
        for (OwnerReference ref : refs) {
            HasMetadata owner = owner(ref, o.getMetadata().getNamespace());
            if (owner == null) {
                gone.add(ref);
            } else if (Meta.isDeleting(owner) && Meta.hasFinalizer(owner, FOREGROUND)) {
                gone.add(ref);
                waitingOwner |= Boolean.TRUE.equals(ref.getBlockOwnerDeletion());
            } else {
                live.add(ref);
            }
        }
        if (gone.isEmpty()) {
            return;
        }
        if (!live.isEmpty()) {
            HasMetadata copy = Meta.copy(o);
            copy.getMetadata().setOwnerReferences(live);
            api.update(copy);
            return;
        }
        String policy = waitingOwner ? "Foreground" : "Background";
        api.delete(rt.modelClass(), o.getMetadata().getNamespace(), o.getMetadata().getName(),
                new DeleteOptions(policy, null, o.getMetadata().getUid(), null));
    }

    /** Deletes dependents not yet deleting; returns how many blocking dependents remain. */
    private int deleteDependentsFirst(HasMetadata owner) {
        int blocking = 0;
        for (Watched w : watched.values()) {
            for (HasMetadata dep : w.informer().cache().byOwner(owner.getMetadata().getUid())) {
                OwnerReference ref = refTo(dep, owner.getMetadata().getUid());
                if (ref == null) {
                    continue;
                }
                boolean blocks = Boolean.TRUE.equals(ref.getBlockOwnerDeletion());
                if (!Meta.isDeleting(dep)) {
                    collectIfOrphaned(w.type(), dep);
                }
                if (blocks) {
                    blocking++;
                }
            }
        }
        return blocking;
    }

    private void orphanDependents(HasMetadata owner) {
        String uid = owner.getMetadata().getUid();
        for (Watched w : watched.values()) {
            for (HasMetadata dep : w.informer().cache().byOwner(uid)) {
                HasMetadata copy = Meta.copy(dep);
                List<OwnerReference> refs = new ArrayList<>(copy.getMetadata().getOwnerReferences());
                refs.removeIf(r -> uid.equals(r.getUid()));
                copy.getMetadata().setOwnerReferences(refs);
                api.update(copy);
            }
        }
    }

    private void removeFinalizer(HasMetadata o, String finalizer) {
        HasMetadata copy = Meta.copy(o);
        List<String> finalizers = new ArrayList<>(copy.getMetadata().getFinalizers());
        finalizers.remove(finalizer);
        copy.getMetadata().setFinalizers(finalizers);
        api.update(copy);
    }

    /** The live owner this reference points to (same uid), or null when it is gone. Unknown kinds count as live. */
    private HasMetadata owner(OwnerReference ref, String dependentNamespace) {
        var rt = types.byKind(ref.getApiVersion(), ref.getKind());
        if (rt.isEmpty()) {
            return placeholder();
        }
        String ns = rt.get().namespaced() ? dependentNamespace : null;
        Watched w = watched.get(rt.get().qualifiedName());
        HasMetadata cached = w == null ? null : w.informer().cache().get(ns, ref.getName());
        if (cached != null && ref.getUid().equals(cached.getMetadata().getUid())) {
            return cached;
        }
        // The cache may lag behind (an owner created just now): ask the API before calling it gone.
        HasMetadata fresh = api.get(rt.get().modelClass(), ns, ref.getName());
        return fresh != null && ref.getUid().equals(fresh.getMetadata().getUid()) ? fresh : null;
    }

    private static HasMetadata placeholder() {
        io.fabric8.kubernetes.api.model.ConfigMap unknown = new io.fabric8.kubernetes.api.model.ConfigMap();
        unknown.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
        return unknown;
    }

    private static OwnerReference refTo(HasMetadata dep, String uid) {
        for (OwnerReference r : dep.getMetadata().getOwnerReferences()) {
            if (uid.equals(r.getUid())) {
                return r;
            }
        }
        return null;
    }
}
