package dev.wharf.controllers.endpointslice;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;
import dev.wharf.controllers.endpoints.Backend;
import dev.wharf.controllers.endpoints.EndpointsController;
import dev.wharf.controllers.support.Meta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where each backend of a Service goes: one group of slices per set of ports (pods resolving named ports
 * differently land in different slices), at most {@value #MAX_ENDPOINTS} endpoints per slice, existing slices
 * reused in name order so that a stable set of pods keeps the same slices. A Service without backends keeps one
 * empty placeholder slice. Pure: the controller applies the {@link Plan}.
 */
public final class SliceLayout {
    public static final int MAX_ENDPOINTS = 100;
    public static final String SERVICE_NAME_LABEL = dev.wharf.api.resource.WellKnownLabels.SERVICE_NAME;
    public static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "endpointslice-controller.wharf.dev";

    /** What to write: slices to create, to update (only those whose content changed) and to delete. */
    public record Plan(List<EndpointSlice> create, List<EndpointSlice> update, List<EndpointSlice> delete) {
        public boolean isEmpty() {
            return create.isEmpty() && update.isEmpty() && delete.isEmpty();
        }
    }

    private SliceLayout() {
    }

    /** {@code existing}: this controller's slices of the Service; {@code newName} names a slice to create. */
    public static Plan plan(Service svc, List<Backend> backends, List<EndpointSlice> existing, Supplier<String> newName) {
        boolean noServicePorts = svc.getSpec().getPorts() == null || svc.getSpec().getPorts().isEmpty();
        Map<List<Backend.Port>, List<Backend>> groups = new LinkedHashMap<>();
        for (Backend b : backends) {
            if (b.ip().contains(":") || (b.ports().isEmpty() && !noServicePorts)) {
                continue;
            }
            groups.computeIfAbsent(b.ports(), k -> new ArrayList<>()).add(b);
        }
        List<ObjectNode> wanted = new ArrayList<>();
        for (Map.Entry<List<Backend.Port>, List<Backend>> g : groups.entrySet()) {
            List<Backend> members = g.getValue();
            for (int from = 0; from < members.size(); from += MAX_ENDPOINTS) {
                wanted.add(normalized(content(svc, g.getKey(), members.subList(from, Math.min(members.size(), from + MAX_ENDPOINTS)))));
            }
        }
        if (wanted.isEmpty()) {
            wanted.add(normalized(content(svc, List.of(), List.of())));
        }
        List<EndpointSlice> unused = new ArrayList<>(existing);
        unused.sort(Comparator.comparing(s -> s.getMetadata().getName()));
        List<EndpointSlice> create = new ArrayList<>();
        List<EndpointSlice> update = new ArrayList<>();
        List<ObjectNode> unplaced = new ArrayList<>();
        for (ObjectNode w : wanted) {
            EndpointSlice same = take(unused, s -> Json.tree(s).path("ports").equals(w.path("ports")));
            if (same == null) {
                unplaced.add(w);
            } else {
                updateIfChanged(same, w, update);
            }
        }
        for (ObjectNode w : unplaced) {
            EndpointSlice any = unused.isEmpty() ? null : unused.remove(0);
            if (any == null) {
                ObjectNode fresh = w.deepCopy();
                ((ObjectNode) fresh.get("metadata")).put("name", newName.get());
                create.add(Json.convert(fresh, EndpointSlice.class));
            } else {
                updateIfChanged(any, w, update);
            }
        }
        return new Plan(create, update, unused);
    }

    private static EndpointSlice take(List<EndpointSlice> slices, java.util.function.Predicate<EndpointSlice> match) {
        for (int i = 0; i < slices.size(); i++) {
            if (match.test(slices.get(i))) {
                return slices.remove(i);
            }
        }
        return null;
    }

    /** Compares what this controller owns in a slice (normalized through the model class) and plans an update. */
    private static void updateIfChanged(EndpointSlice current, ObjectNode wanted, List<EndpointSlice> update) {
        ObjectNode have = Json.tree(current);
        ObjectNode want = wanted;
        boolean same = have.path("addressType").equals(want.path("addressType"))
                && have.path("endpoints").equals(want.path("endpoints"))
                && have.path("ports").equals(want.path("ports"))
                && have.at("/metadata/labels").equals(want.at("/metadata/labels"))
                && have.at("/metadata/ownerReferences").equals(want.at("/metadata/ownerReferences"));
        if (same) {
            return;
        }
        EndpointSlice next = Meta.copy(current);
        EndpointSlice w = Json.convert(wanted, EndpointSlice.class);
        next.setAddressType(w.getAddressType());
        next.setEndpoints(w.getEndpoints());
        next.setPorts(w.getPorts());
        next.getMetadata().setLabels(w.getMetadata().getLabels());
        next.getMetadata().setOwnerReferences(w.getMetadata().getOwnerReferences());
        update.add(next);
    }

    /** Through the model class and back, so that it compares equal to a slice read from the API. */
    private static ObjectNode normalized(ObjectNode slice) {
        return Json.tree(Json.convert(slice, EndpointSlice.class));
    }

    /** A slice's desired content (without a name). */
    static ObjectNode content(Service svc, List<Backend.Port> ports, List<Backend> members) {
        ObjectNode slice = Json.object().put("apiVersion", "discovery.k8s.io/v1").put("kind", "EndpointSlice");
        ObjectNode meta = slice.putObject("metadata").put("namespace", svc.getMetadata().getNamespace());
        Map<String, String> labels = EndpointsController.labels(svc);
        labels.put(SERVICE_NAME_LABEL, svc.getMetadata().getName());
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        meta.set("labels", Json.tree(labels));
        meta.putArray("ownerReferences").add(Json.tree(Meta.controllerRef(svc, "v1", "Service")));
        slice.put("addressType", "IPv4");
        ArrayNode endpoints = slice.putArray("endpoints");
        for (Backend b : members) {
            ObjectNode e = endpoints.addObject();
            e.putArray("addresses").add(b.ip());
            e.putObject("conditions").put("ready", b.ready()).put("serving", b.serving()).put("terminating", b.terminating());
            if (b.hostname() != null) {
                e.put("hostname", b.hostname());
            }
            if (b.nodeName() != null) {
                e.put("nodeName", b.nodeName());
            }
            if (b.zone() != null) {
                e.put("zone", b.zone());
            }
            e.putObject("targetRef").put("kind", "Pod").put("namespace", b.namespace()).put("name", b.podName())
                    .put("uid", b.podUid());
        }
        ArrayNode list = slice.putArray("ports");
        for (Backend.Port p : ports) {
            ObjectNode port = list.addObject().put("name", p.name()).put("port", p.port()).put("protocol", p.protocol());
            if (p.appProtocol() != null) {
                port.put("appProtocol", p.appProtocol());
            }
        }
        return slice;
    }
}
