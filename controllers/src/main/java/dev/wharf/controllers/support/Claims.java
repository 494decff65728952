package dev.wharf.controllers.support;

import dev.wharf.api.ApiException;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controller.runtime.select.Selectors;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Upstream's ControllerRefManager: a controller owns the objects whose controller reference is its uid; it
 * adopts orphans its selector matches (after checking, live, that it still exists and is not being deleted) and
 * releases owned objects its selector no longer matches. Returns the objects it owns afterwards.
 */
public final class Claims {
    private Claims() {
    }

    public static <T extends HasMetadata> List<T> claim(ApiClient api, HasMetadata owner, String apiVersion,
            String kind, LabelSelector selector, List<T> candidates) {
        Predicate<Map<String, String>> matches = Selectors.labels(selector);
        String uid = owner.getMetadata().getUid();
        List<T> owned = new ArrayList<>();
        Boolean canAdopt = null;
        for (T c : candidates) {
            OwnerReference ref = Meta.controllerOf(c);
            boolean selected = matches.test(c.getMetadata().getLabels());
            if (ref != null) {
                if (!uid.equals(ref.getUid())) {
                    continue;
                }
                if (selected || Meta.isDeleting(owner)) {
                    owned.add(c);
                } else if (!Meta.isDeleting(c)) {
                    T copy = Meta.copy(c);
                    copy.getMetadata().getOwnerReferences().removeIf(r -> uid.equals(r.getUid()));
                    tryUpdate(api, copy);
                }
                continue;
            }
            if (!selected || Meta.isDeleting(c) || Meta.isDeleting(owner)) {
                continue;
            }
            if (canAdopt == null) {
                HasMetadata fresh = api.get(owner.getClass(), owner.getMetadata().getNamespace(), owner.getMetadata().getName());
                canAdopt = fresh != null && uid.equals(fresh.getMetadata().getUid()) && !Meta.isDeleting(fresh);
            }
            if (!canAdopt) {
                continue;
            }
            T copy = Meta.copy(c);
            List<OwnerReference> refs = new ArrayList<>(copy.getMetadata().getOwnerReferences() == null
                    ? List.of() : copy.getMetadata().getOwnerReferences());
            refs.add(Meta.controllerRef(owner, apiVersion, kind));
            copy.getMetadata().setOwnerReferences(refs);
            T adopted = tryUpdate(api, copy);
            if (adopted != null) {
                owned.add(adopted);
            }
        }
        return owned;
    }

    private static <T extends HasMetadata> T tryUpdate(ApiClient api, T object) {
        try {
            return api.update(object);
        } catch (ApiException e) {
            if (e.code() == 404 || e.code() == 409) {
                return null;
            }
            throw e;
        }
    }
}
