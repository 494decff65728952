package dev.wharf.controllers.endpoints;

import dev.wharf.controller.runtime.Controller;
import dev.wharf.controller.runtime.ControllerManager;
import dev.wharf.controller.runtime.Key;
import dev.wharf.controller.runtime.informer.EventHandler;
import dev.wharf.controller.runtime.informer.Informer;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.Map;
import java.util.Objects;

/**
 * Enqueues Service keys for a controller keyed by Service: the Service itself on any change, every Service whose
 * selector matches a pod's old or new labels when the pod changes in a way that matters (labels, IP, readiness,
 * deletion, node, ports), and every Service when a node's zone changes.
 */
public final class ServiceTriggers {
    private ServiceTriggers() {
    }

    public static void register(ControllerManager manager, Controller controller) {
        Informer<Service> services = manager.informer(Service.class);
        services.addHandler(EventHandler.any(svc -> controller.enqueue(Key.of(svc))));
        manager.informer(Pod.class).addHandler(new EventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                enqueueSelecting(services, controller, pod);
            }

            @Override
            public void onUpdate(Pod old, Pod now) {
                if (relevantChange(old, now)) {
                    enqueueSelecting(services, controller, now);
                    if (!Objects.equals(old.getMetadata().getLabels(), now.getMetadata().getLabels())) {
                        enqueueSelecting(services, controller, old);
                    }
                }
            }

            @Override
            public void onDelete(Pod pod) {
                enqueueSelecting(services, controller, pod);
            }
        });
        manager.informer(Node.class).addHandler(new EventHandler<>() {
            @Override
            public void onUpdate(Node old, Node now) {
                if (!Objects.equals(zone(old), zone(now))) {
                    services.cache().list().forEach(svc -> controller.enqueue(Key.of(svc)));
                }
            }

            @Override
            public void onAdd(Node node) {
                services.cache().list().forEach(svc -> controller.enqueue(Key.of(svc)));
            }
        });
    }

    private static void enqueueSelecting(Informer<Service> services, Controller controller, Pod pod) {
        for (Service svc : services.cache().byNamespace(pod.getMetadata().getNamespace())) {
            if (Backends.selects(svc, pod)) {
                controller.enqueue(Key.of(svc));
            }
        }
    }

    /** Status changes other than readiness and IP (container restarts, probes' timestamps) do not matter. */
    static boolean relevantChange(Pod old, Pod now) {
        return !Objects.equals(old.getMetadata().getLabels(), now.getMetadata().getLabels())
                || !Objects.equals(old.getMetadata().getDeletionTimestamp(), now.getMetadata().getDeletionTimestamp())
                || !Objects.equals(ip(old), ip(now))
                || !Objects.equals(old.getSpec(), now.getSpec())
                || dev.wharf.controllers.support.Pods.isReady(old) != dev.wharf.controllers.support.Pods.isReady(now)
                || !Objects.equals(phase(old), phase(now));
    }

    private static String ip(Pod p) {
        return p.getStatus() == null ? null : p.getStatus().getPodIP();
    }

    private static String phase(Pod p) {
        return p.getStatus() == null ? null : p.getStatus().getPhase();
    }

    private static String zone(Node n) {
        Map<String, String> labels = n.getMetadata().getLabels();
        return labels == null ? null : labels.get(Backends.ZONE_LABEL);
    }
}
