package dev.wharf.controllers.scheduling;

import dev.wharf.api.ApiException;
import dev.wharf.common.Json;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controller.runtime.ApiClient.PatchType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * Assigns a pod to a node. {@link ApiClient} has no verb for the {@code pods/binding} subresource (a POST of a
 * Binding), and neither the in-process client nor FakeApiClient can express one; so the binding is a merge patch
 * of {@code spec.nodeName} with the pod's resourceVersion as precondition, which the apiserver allows on an
 * unbound pod and which fails with 409 if the pod changed meanwhile. On 409 the pod is read again and bound only
 * if it is the same pod, still unbound and not being deleted (the checks the binding subresource makes).
 */
final class PodBinder {
    private static final int ATTEMPTS = 3;
    private final ApiClient api;

    PodBinder(ApiClient api) {
        this.api = api;
    }

    /** Binds or throws: 409 when the pod is already bound or being deleted, 404 when it is gone. */
    void bind(Pod pod, String node) {
        Pod current = pod;
        for (int attempt = 1; ; attempt++) {
            check(pod, current, node);
            ObjectNode patch = Json.object();
            patch.putObject("metadata").put("resourceVersion", current.getMetadata().getResourceVersion());
            patch.putObject("spec").put("nodeName", node);
            try {
                api.patch(Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName(), PatchType.MERGE,
                        patch.toString(), null);
                return;
            } catch (ApiException e) {
                if (e.code() != 409 || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
            current = api.get(Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        }
    }

    private static void check(Pod wanted, Pod current, String node) {
        String name = wanted.getMetadata().getName();
        if (current == null || !current.getMetadata().getUid().equals(wanted.getMetadata().getUid())) {
            throw ApiException.notFound("pods", "", name);
        }
        String bound = SchedulerCache.boundNode(current);
        if (bound != null) {
            throw ApiException.conflict("pods", "", name, "pod " + name + " is already assigned to node \"" + bound + "\"");
        }
        if (current.getMetadata().getDeletionTimestamp() != null) {
            throw ApiException.conflict("pods", "", name, "pod " + name + " is being deleted, cannot be assigned to a host");
        }
    }
}
