package dev.wharf.controllers.endpoints;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.common.Json;
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
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the legacy {@code Endpoints} object of each Service with a selector (same name as the Service): ready
 * pods under {@code addresses}, the others under {@code notReadyAddresses}, grouped into subsets by the ports
 * they serve. Terminating pods are left out unless the Service publishes not-ready addresses. Writes only when
 * the content changes; deletes the Endpoints when the Service goes. Endpoints of Services without a selector are
 * the user's and are never touched.
 */
public final class EndpointsController implements Reconciler {
    public static final String NAME = "endpoints-controller";
    public static final String HEADLESS_LABEL = "service.kubernetes.io/headless";

    private final ApiClient api;
    private final Informer<Service> services;
    private final Informer<Pod> pods;
    private final Informer<Node> nodes;
    private final Informer<Endpoints> endpoints;
    private final Controller controller;

    public EndpointsController(ControllerManager manager, int workers) {
        this.api = manager.api();
        this.services = manager.informer(Service.class);
        this.pods = manager.informer(Pod.class);
        this.nodes = manager.informer(Node.class);
        this.endpoints = manager.informer(Endpoints.class);
        this.controller = manager.add(new Controller(NAME, this, manager.clock(), workers));
        ServiceTriggers.register(manager, controller);
        endpoints.addHandler(new EventHandler<>() {
            @Override
            public void onUpdate(Endpoints old, Endpoints now) {
                controller.enqueue(Key.of(now));
            }

            @Override
            public void onDelete(Endpoints last) {
                controller.enqueue(Key.of(last));
            }
        });
    }

    public Controller controller() {
        return controller;
    }

    @Override
    public Result reconcile(Key key) {
        Service svc = services.cache().get(key.namespace(), key.name());
        Endpoints current = endpoints.cache().get(key.namespace(), key.name());
        if (svc == null) {
            if (current != null) {
                api.delete(Endpoints.class, key.namespace(), key.name(), DeleteOptions.DEFAULT);
            }
            return Result.DONE;
        }
        if (!Backends.managed(svc) || Meta.isDeleting(svc)) {
            return Result.DONE;
        }
        List<Backend> backends = Backends.of(svc, pods.cache().byNamespace(key.namespace()), this::zoneOf);
        Endpoints desired = desired(svc, backends);
        if (current == null) {
            try {
                api.create(desired);
            } catch (ApiException e) {
                if (e.code() != 409) {
                    throw e;
                }
                return Result.REQUEUE;
            }
            return Result.DONE;
        }
        Map<String, String> labels = current.getMetadata().getLabels() == null ? Map.of() : current.getMetadata().getLabels();
        if (Json.tree(current).path("subsets").equals(Json.tree(desired).path("subsets"))
                && labels.equals(desired.getMetadata().getLabels())) {
            return Result.DONE;
        }
        Endpoints update = Meta.copy(current);
        update.setSubsets(desired.getSubsets());
        update.getMetadata().setLabels(desired.getMetadata().getLabels());
        api.update(update);
        return Result.DONE;
    }

    /** The Endpoints object for {@code svc} and its backends. */
    public static Endpoints desired(Service svc, List<Backend> backends) {
        boolean publishNotReady = Boolean.TRUE.equals(svc.getSpec().getPublishNotReadyAddresses());
        boolean headless = "None".equals(svc.getSpec().getClusterIP());
        boolean noPorts = svc.getSpec().getPorts() == null || svc.getSpec().getPorts().isEmpty();
        Map<List<Backend.Port>, ObjectNode> subsets = new LinkedHashMap<>();
        for (Backend b : backends) {
            if (b.terminating() && !publishNotReady) {
                continue;
            }
            if (b.ports().isEmpty() && !(headless && noPorts)) {
                continue;
            }
            ObjectNode subset = subsets.computeIfAbsent(b.ports(), ports -> subset(ports));
            ObjectNode address = Json.object().put("ip", b.ip());
            if (b.hostname() != null) {
                address.put("hostname", b.hostname());
            }
            if (b.nodeName() != null) {
                address.put("nodeName", b.nodeName());
            }
            address.putObject("targetRef").put("kind", "Pod").put("namespace", b.namespace()).put("name", b.podName())
                    .put("uid", b.podUid());
            boolean ready = publishNotReady || (b.serving() && !b.terminating());
            subset.withArray(ready ? "addresses" : "notReadyAddresses").add(address);
        }
        ObjectNode ep = Json.object().put("apiVersion", "v1").put("kind", "Endpoints");
        ObjectNode meta = ep.putObject("metadata").put("name", svc.getMetadata().getName())
                .put("namespace", svc.getMetadata().getNamespace());
        meta.set("labels", Json.tree(labels(svc)));
        ArrayNode list = ep.putArray("subsets");
        subsets.values().forEach(list::add);
        return Json.convert(ep, Endpoints.class);
    }

    /** The Service's labels, plus service.kubernetes.io/headless for headless Services. */
    public static Map<String, String> labels(Service svc) {
        Map<String, String> labels = new HashMap<>();
        if (svc.getMetadata().getLabels() != null) {
            labels.putAll(svc.getMetadata().getLabels());
        }
        if ("None".equals(svc.getSpec().getClusterIP())) {
            labels.put(HEADLESS_LABEL, "");
        } else {
            labels.remove(HEADLESS_LABEL);
        }
        return labels;
    }

    private static ObjectNode subset(List<Backend.Port> ports) {
        ObjectNode subset = Json.object();
        if (!ports.isEmpty()) {
            ArrayNode list = subset.putArray("ports");
            for (Backend.Port p : ports) {
                ObjectNode port = list.addObject();
                if (!p.name().isEmpty()) {
                    port.put("name", p.name());
                }
                port.put("port", p.port()).put("protocol", p.protocol());
                if (p.appProtocol() != null) {
                    port.put("appProtocol", p.appProtocol());
                }
            }
        }
        return subset;
    }

    private String zoneOf(String nodeName) {
        Node node = nodes.cache().get(null, nodeName);
        if (node == null || node.getMetadata().getLabels() == null) {
            return null;
        }
        return node.getMetadata().getLabels().get(Backends.ZONE_LABEL);
    }
}
