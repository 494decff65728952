package dev.wharf.controllers.ingress;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controller.runtime.Controller;
import dev.wharf.controller.runtime.ControllerManager;
import dev.wharf.controller.runtime.Key;
import dev.wharf.controller.runtime.Reconciler;
import dev.wharf.controller.runtime.Result;
import dev.wharf.controller.runtime.informer.EventHandler;
import dev.wharf.controller.runtime.informer.Informer;
import dev.wharf.controllers.support.Meta;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerStatus;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatus;
import java.util.List;
import java.util.Objects;

/**
 * Writes the gateway's address (and the ports it serves Ingress traffic on) to {@code status.loadBalancer} of
 * the Ingresses the Wharf gateway serves: class {@value #CLASS_NAME}, any class whose controller is
 * {@value #CONTROLLER}, or no class while such an IngressClass is annotated as the default. Ingresses of other
 * classes are left alone, except that an Ingress that moves away from Wharf loses the address Wharf wrote.
 */
public final class IngressStatusController implements Reconciler {
    public static final String NAME = "ingress-status-controller";
    public static final String CLASS_NAME = "wharf";
    public static final String CONTROLLER = "wharf.dev/gateway";
    public static final String DEFAULT_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";
    public static final String LEGACY_CLASS_ANNOTATION = "kubernetes.io/ingress.class";

    private final ApiClient api;
    private final String address;
    private final List<Integer> ports;
    private final Informer<Ingress> ingresses;
    private final Informer<IngressClass> classes;
    private final Controller controller;

    /**
     * @param address the gateway address written to the status, e.g. "127.0.0.1"
     * @param ports   the gateway's Ingress ports listed with it (may be empty)
     */
    public IngressStatusController(ControllerManager manager, String address, List<Integer> ports, int workers) {
        this.api = manager.api();
        this.address = address;
        this.ports = List.copyOf(ports);
        this.ingresses = manager.informer(Ingress.class);
        this.classes = manager.informer(IngressClass.class);
        this.controller = manager.add(new Controller(NAME, this, manager.clock(), workers));
        ingresses.addHandler(EventHandler.any(ing -> controller.enqueue(Key.of(ing))));
        classes.addHandler(EventHandler.any(ic -> ingresses.cache().list().forEach(ing -> controller.enqueue(Key.of(ing)))));
    }

    public Controller controller() {
        return controller;
    }

    @Override
    public Result reconcile(Key key) {
        Ingress ing = ingresses.cache().get(key.namespace(), key.name());
        if (ing == null || Meta.isDeleting(ing)) {
            return Result.DONE;
        }
        IngressLoadBalancerStatus have = ing.getStatus() == null || ing.getStatus().getLoadBalancer() == null
                ? new IngressLoadBalancerStatus() : ing.getStatus().getLoadBalancer();
        IngressLoadBalancerStatus wanted;
        if (served(ing)) {
            wanted = status();
        } else if (Json.tree(have).at("/ingress/0/ip").asText("").equals(address)) {
            wanted = new IngressLoadBalancerStatus();
        } else {
            return Result.DONE;
        }
        if (Objects.equals(Json.tree(have), Json.tree(wanted))) {
            return Result.DONE;
        }
        Ingress copy = Meta.copy(ing);
        if (copy.getStatus() == null) {
            copy.setStatus(new IngressStatus());
        }
        copy.getStatus().setLoadBalancer(wanted);
        api.updateStatus(copy);
        return Result.DONE;
    }

    /** Whether the Wharf gateway serves this Ingress. */
    boolean served(Ingress ing) {
        String className = ing.getSpec() == null ? null : ing.getSpec().getIngressClassName();
        if (className == null || className.isEmpty()) {
            className = Meta.annotation(ing, LEGACY_CLASS_ANNOTATION);
        }
        if (className != null && !className.isEmpty()) {
            if (CLASS_NAME.equals(className)) {
                return true;
            }
            IngressClass ic = classes.cache().get(null, className);
            return ic != null && isOurs(ic);
        }
        for (IngressClass ic : classes.cache().list()) {
            if (isOurs(ic) && "true".equals(Meta.annotation(ic, DEFAULT_CLASS_ANNOTATION))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOurs(IngressClass ic) {
        return ic.getSpec() != null && CONTROLLER.equals(ic.getSpec().getController());
    }

    private IngressLoadBalancerStatus status() {
        ObjectNode lb = Json.object();
        ObjectNode entry = lb.putArray("ingress").addObject().put("ip", address);
        if (!ports.isEmpty()) {
            ArrayNode list = entry.putArray("ports");
            ports.forEach(p -> list.addObject().put("port", p).put("protocol", "TCP"));
        }
        return Json.convert(lb, IngressLoadBalancerStatus.class);
    }
}
