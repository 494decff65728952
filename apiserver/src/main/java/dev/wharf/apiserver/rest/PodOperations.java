package dev.wharf.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.apiserver.registry.Meta;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** The pod subresources: binding (the scheduler's assignment), eviction, and log. */
public final class PodOperations {
    private final RestContext ctx;
    private final ReadOperations reads;
    private final UpdateOperation updates;
    private final DeleteOperation deletes;

    public PodOperations(RestContext ctx, ReadOperations reads, UpdateOperation updates, DeleteOperation deletes) {
        this.ctx = ctx;
        this.reads = reads;
        this.updates = updates;
        this.deletes = deletes;
    }

    /** POST pods/binding: sets spec.nodeName; 409 when the pod is already bound. */
    public void bind(String namespace, String name, ObjectNode binding, WriteOptions options) {
        String node = binding.path("target").path("name").asText("");
        if (node.isEmpty()) {
            throw ApiException.invalid("Binding", "", name, List.of(new io.fabric8.kubernetes.api.model.StatusCause(
                    "target.name", "Required value", "FieldValueRequired")));
        }
        String bindingName = Meta.name(binding);
        if (!bindingName.isEmpty() && !bindingName.equals(name)) {
            throw ApiException.badRequest("the name of the object (" + bindingName + ") does not match the name on the URL (" + name + ")");
        }
        String uid = binding.path("metadata").path("uid").asText("");
        updates.mutate(ResourceTypes.PODS, namespace, name, null, options, null, true, live -> {
            String current = live.path("spec").path("nodeName").asText("");
            if (!current.isEmpty()) {
                throw ApiException.conflict("pods", "", name, "pod " + name + " is already assigned to node \"" + current + "\"");
            }
            if (!uid.isEmpty() && !uid.equals(Meta.uid(live))) {
                throw ApiException.conflict("pods", "", name, "Precondition failed: UID in precondition: " + uid
                        + ", UID in object meta: " + Meta.uid(live));
            }
            if (Meta.isDeleting(live)) {
                throw ApiException.conflict("pods", "", name, "pod " + name + " is being deleted, cannot be assigned to a host");
            }
            (live.get("spec") instanceof ObjectNode s ? s : live.putObject("spec")).put("nodeName", node);
            return live;
        });
    }

    /** POST pods/eviction: deletes the pod with the eviction's DeleteOptions. */
    public void evict(String namespace, String name, ObjectNode eviction) {
        JsonNode options = eviction.path("deleteOptions");
        DeleteRequest request = new DeleteRequest(options.path("propagationPolicy").asText(null),
                options.has("gracePeriodSeconds") ? options.get("gracePeriodSeconds").asLong() : null,
                options.path("preconditions").path("uid").asText(null),
                options.path("preconditions").path("resourceVersion").asText(null), false);
        deletes.delete(ResourceTypes.PODS, namespace, name, request);
    }

    /** GET pods/log: the container must be one of the pod's (400 otherwise, as Kubernetes words it). */
    public InputStream log(String namespace, String name, PodLogSource.LogOptions options) throws IOException {
        ObjectNode pod = reads.get(ResourceTypes.PODS, namespace, name).object();
        JsonNode containers = pod.path("spec").path("containers");
        String container = options.container();
        if (container == null || container.isEmpty()) {
            if (containers.size() != 1) {
                throw ApiException.badRequest("a container name must be specified for pod " + name + ", choose one of: "
                        + names(containers));
            }
            container = containers.get(0).path("name").asText();
        } else if (!names(containers).contains(container) && !names(pod.path("spec").path("initContainers")).contains(container)) {
            throw ApiException.badRequest("container " + container + " is not valid for pod " + name);
        }
        return ctx.logs().open(pod, new PodLogSource.LogOptions(container, options.follow(), options.tailLines(),
                options.timestamps(), options.sinceSeconds(), options.previous(), options.limitBytes()));
    }

    private static List<String> names(JsonNode containers) {
        List<String> names = new java.util.ArrayList<>();
        containers.forEach(c -> names.add(c.path("name").asText()));
        return names;
    }
}
