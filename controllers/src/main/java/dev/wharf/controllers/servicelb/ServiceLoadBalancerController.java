package dev.wharf.controllers.servicelb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controller.runtime.Controller;
import dev.wharf.controller.runtime.ControllerManager;
import dev.wharf.controller.runtime.Key;
import dev.wharf.controller.runtime.Reconciler;
import dev.wharf.controller.runtime.Result;
import dev.wharf.controller.runtime.events.EventRecorder;
import dev.wharf.controller.runtime.informer.EventHandler;
import dev.wharf.controller.runtime.informer.Informer;
import dev.wharf.controllers.support.Meta;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives each LoadBalancer Service of class {@value #CLASS} (or of no class) an address from the pool and
 * writes it with the ports to {@code status.loadBalancer.ingress[0]}; the node gateways serve it. A requested
 * {@code spec.loadBalancerIP} is honoured when it is in the pool and free, else a Warning event says why and the
 * Service stays pending. The addresses in use are read from the Services' statuses (so a restart loses nothing),
 * plus those just assigned whose status the cache has not shown yet. A Service that stops being a LoadBalancer
 * loses its address; a deleted one frees it.
 */
public final class ServiceLoadBalancerController implements Reconciler {
    public static final String NAME = "service-lb-controller";
    public static final String CLASS = "wharf.dev/gateway";

    private final ApiClient api;
    private final AddressPool pool;
    private final Informer<Service> services;
    private final EventRecorder events;
    private final Controller controller;
    /** Service key to the address assigned by this process, until the cache shows it in the status. */
    private final Map<String, String> assigned = new ConcurrentHashMap<>();
    /** Service key to the last warning emitted, so that a Service is not warned twice of the same thing. */
    private final Map<String, String> warned = new ConcurrentHashMap<>();

    public ServiceLoadBalancerController(ControllerManager manager, String poolCidr) {
        this.api = manager.api();
        this.pool = AddressPool.parse(poolCidr);
        this.services = manager.informer(Service.class);
        this.events = new EventRecorder(api, manager.clock(), NAME);
        this.controller = manager.add(new Controller(NAME, this, manager.clock(), 1));
        services.addHandler(EventHandler.any(svc -> controller.enqueue(Key.of(svc))));
    }

    public Controller controller() {
        return controller;
    }

    @Override
    public synchronized Result reconcile(Key key) {
        Service svc = services.cache().get(key.namespace(), key.name());
        String id = key.cacheKey();
        if (svc == null) {
            if (assigned.remove(id) != null) {
                retryPending();
            }
            warned.remove(id);
            return Result.DONE;
        }
        String current = currentAddress(svc);
        if (!isOurs(svc)) {
            if (assigned.remove(id) != null) {
                retryPending();
            }
            warned.remove(id);
            boolean otherClass = "LoadBalancer".equals(svc.getSpec().getType()) && !ourClass(svc);
            if (!otherClass && current != null && pool.contains(current)) {
                writeStatus(svc, null);
            }
            return Result.DONE;
        }
        Set<String> used = inUseByOthers(svc);
        String requested = svc.getSpec().getLoadBalancerIP();
        String address;
        if (requested != null && !requested.isEmpty()) {
            if (!pool.contains(requested)) {
                warn(svc, "LoadBalancerIPNotInPool", "spec.loadBalancerIP " + requested + " is not in the address pool " + pool.cidr());
                address = null;
            } else if (used.contains(requested)) {
                warn(svc, "LoadBalancerIPInUse", "spec.loadBalancerIP " + requested + " is used by another Service");
                address = null;
            } else {
                address = requested;
            }
        } else if (current != null && pool.contains(current) && !used.contains(current)) {
            address = current;
        } else {
            address = pool.firstFree(used);
            if (address == null) {
                warn(svc, "AddressPoolExhausted", "no address left in the pool " + pool.cidr());
            }
        }
        if (address != null) {
            assigned.put(id, address);
            warned.remove(id);
        } else {
            assigned.remove(id);
        }
        writeStatus(svc, address);
        return Result.DONE;
    }

    /** An address was freed: the Services still waiting for one try again. */
    private void retryPending() {
        for (Service other : services.cache().list()) {
            if (isOurs(other) && currentAddress(other) == null) {
                controller.enqueue(Key.of(other));
            }
        }
    }

    private static boolean ourClass(Service svc) {
        String cls = svc.getSpec().getLoadBalancerClass();
        return cls == null || cls.isEmpty() || CLASS.equals(cls);
    }

    private static boolean isOurs(Service svc) {
        return svc.getSpec() != null && "LoadBalancer".equals(svc.getSpec().getType()) && ourClass(svc) && !Meta.isDeleting(svc);
    }

    private Set<String> inUseByOthers(Service svc) {
        String self = Key.of(svc).cacheKey();
        Set<String> used = new HashSet<>();
        for (Service other : services.cache().list()) {
            String key = Key.of(other).cacheKey();
            String ip = currentAddress(other);
            if (!key.equals(self) && ip != null && isOurs(other)) {
                used.add(ip);
            }
        }
        assigned.forEach((key, ip) -> {
            if (!key.equals(self)) {
                used.add(ip);
            }
        });
        return used;
    }

    static String currentAddress(Service svc) {
        JsonNode ip = Json.tree(svc).at("/status/loadBalancer/ingress/0/ip");
        return ip.isTextual() && !ip.asText().isEmpty() ? ip.asText() : null;
    }

    /** status.loadBalancer = {ingress: [{ip, ipMode: VIP, ports}]}, or {} without an address. */
    private void writeStatus(Service svc, String address) {
        ObjectNode lb = Json.object();
        if (address != null) {
            ObjectNode ingress = lb.putArray("ingress").addObject().put("ip", address).put("ipMode", "VIP");
            List<ServicePort> ports = svc.getSpec().getPorts() == null ? List.of() : svc.getSpec().getPorts();
            if (!ports.isEmpty()) {
                ArrayNode list = ingress.putArray("ports");
                for (ServicePort p : ports) {
                    list.addObject().put("port", p.getPort()).put("protocol", p.getProtocol() == null ? "TCP" : p.getProtocol());
                }
            }
        }
        LoadBalancerStatus wanted = Json.convert(lb, LoadBalancerStatus.class);
        LoadBalancerStatus have = svc.getStatus() == null || svc.getStatus().getLoadBalancer() == null
                ? new LoadBalancerStatus() : svc.getStatus().getLoadBalancer();
        if (Objects.equals(Json.tree(wanted), Json.tree(have))) {
            return;
        }
        Service copy = Meta.copy(svc);
        if (copy.getStatus() == null) {
            copy.setStatus(new ServiceStatus());
        }
        copy.getStatus().setLoadBalancer(wanted);
        api.updateStatus(copy);
    }

    private void warn(Service svc, String reason, String message) {
        String id = Key.of(svc).cacheKey();
        if (!message.equals(warned.put(id, message))) {
            events.warning(svc, reason, message);
        }
    }
}
