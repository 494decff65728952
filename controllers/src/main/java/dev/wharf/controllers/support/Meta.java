package dev.wharf.controllers.support;

import dev.wharf.common.Json;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.time.Instant;
import java.util.List;

/** Small facts about object metadata that every controller asks. */
public final class Meta {
    private Meta() {
    }

    public static boolean isDeleting(HasMetadata o) {
        return o.getMetadata().getDeletionTimestamp() != null;
    }

    /** The ownerReference with controller=true, or null. */
    public static OwnerReference controllerOf(HasMetadata o) {
        List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
        if (refs == null) {
            return null;
        }
        for (OwnerReference r : refs) {
            if (Boolean.TRUE.equals(r.getController())) {
                return r;
            }
        }
        return null;
    }

    public static boolean isControlledBy(HasMetadata o, HasMetadata owner) {
        OwnerReference ref = controllerOf(o);
        return ref != null && ref.getUid() != null && ref.getUid().equals(owner.getMetadata().getUid());
    }

    /** {apiVersion, kind, name, uid, controller: true, blockOwnerDeletion: true}, as workload controllers set. */
    public static OwnerReference controllerRef(HasMetadata owner, String apiVersion, String kind) {
        return new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind)
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    public static boolean hasFinalizer(HasMetadata o, String finalizer) {
        List<String> f = o.getMetadata().getFinalizers();
        return f != null && f.contains(finalizer);
    }

    public static Instant created(HasMetadata o) {
        String ts = o.getMetadata().getCreationTimestamp();
        return ts == null ? Instant.EPOCH : Instant.parse(ts);
    }

    /** A deep copy, safe to change (cached objects are shared and read-only). */
    @SuppressWarnings("unchecked")
    public static <T extends HasMetadata> T copy(T o) {
        return (T) Json.convert(Json.tree(o), o.getClass());
    }

    public static String annotation(HasMetadata o, String key) {
        return o.getMetadata().getAnnotations() == null ? null : o.getMetadata().getAnnotations().get(key);
    }
}
