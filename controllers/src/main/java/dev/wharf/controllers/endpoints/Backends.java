package dev.wharf.controllers.endpoints;

import dev.wharf.controllers.support.Meta;
import dev.wharf.controllers.support.Pods;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Which pods back a Service and on which ports: the part the Endpoints and EndpointSlice controllers share. */
public final class Backends {
    public static final String ZONE_LABEL = dev.wharf.api.resource.WellKnownLabels.ZONE;

    private Backends() {
    }

    /**
     * True for Services whose endpoints these controllers compute: a non-empty selector and not ExternalName.
     * Others' Endpoints are left to their owners.
     */
    public static boolean managed(Service svc) {
        if (svc.getSpec() == null || "ExternalName".equals(svc.getSpec().getType())) {
            return false;
        }
        Map<String, String> selector = svc.getSpec().getSelector();
        return selector != null && !selector.isEmpty();
    }

    /** Whether the pod's labels match the Service's selector. */
    public static boolean selects(Service svc, Pod pod) {
        if (!managed(svc) || !svc.getMetadata().getNamespace().equals(pod.getMetadata().getNamespace())) {
            return false;
        }
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels != null && labels.entrySet().containsAll(svc.getSpec().getSelector().entrySet());
    }

    /**
     * The backends of {@code svc} among {@code pods} (the namespace's), sorted by IP then pod name: pods that the
     * selector matches, that have an IP, and that have not finished. {@code zoneOf} maps a node name to its zone.
     */
    public static List<Backend> of(Service svc, List<Pod> pods, Function<String, String> zoneOf) {
        List<Backend> out = new ArrayList<>();
        boolean publishNotReady = Boolean.TRUE.equals(svc.getSpec().getPublishNotReadyAddresses());
        for (Pod pod : pods) {
            if (!selects(svc, pod) || !hasIp(pod) || isFinished(pod)) {
                continue;
            }
            boolean terminating = Meta.isDeleting(pod);
            boolean podReady = Pods.isReady(pod);
            String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            out.add(new Backend(pod.getStatus().getPodIP(), pod.getMetadata().getName(), pod.getMetadata().getUid(),
                    pod.getMetadata().getNamespace(), node, node == null ? null : zoneOf.apply(node),
                    hostname(svc, pod), publishNotReady || (podReady && !terminating), podReady, terminating,
                    ports(svc, pod)));
        }
        out.sort(Comparator.comparing(Backend::ip).thenComparing(Backend::podName));
        return out;
    }

    private static boolean hasIp(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getPodIP() != null && !pod.getStatus().getPodIP().isEmpty();
    }

    private static boolean isFinished(Pod pod) {
        String phase = Pods.phase(pod);
        return phase.equals("Succeeded") || phase.equals("Failed");
    }

    private static String hostname(Service svc, Pod pod) {
        if (pod.getSpec() == null || pod.getSpec().getHostname() == null || pod.getSpec().getHostname().isEmpty()) {
            return null;
        }
        return svc.getMetadata().getName().equals(pod.getSpec().getSubdomain()) ? pod.getSpec().getHostname() : null;
    }

    /** Each Service port this pod serves; a named targetPort the pod does not declare drops that port. */
    static List<Backend.Port> ports(Service svc, Pod pod) {
        List<Backend.Port> out = new ArrayList<>();
        List<ServicePort> ports = svc.getSpec().getPorts() == null ? List.of() : svc.getSpec().getPorts();
        for (ServicePort sp : ports) {
            String protocol = sp.getProtocol() == null ? "TCP" : sp.getProtocol();
            int target = resolve(sp, protocol, pod);
            if (target > 0) {
                out.add(new Backend.Port(sp.getName() == null ? "" : sp.getName(), target, protocol, sp.getAppProtocol()));
            }
        }
        return out;
    }

    private static int resolve(ServicePort sp, String protocol, Pod pod) {
        IntOrString target = sp.getTargetPort();
        if (target == null || (target.getIntVal() == null && (target.getStrVal() == null || target.getStrVal().isEmpty()))) {
            return sp.getPort() == null ? 0 : sp.getPort();
        }
        if (target.getIntVal() != null) {
            return target.getIntVal() == 0 && sp.getPort() != null ? sp.getPort() : target.getIntVal();
        }
        String name = target.getStrVal();
        if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
            return 0;
        }
        for (Container c : pod.getSpec().getContainers()) {
            for (ContainerPort cp : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
                String cpProtocol = cp.getProtocol() == null ? "TCP" : cp.getProtocol();
                if (name.equals(cp.getName()) && cpProtocol.equals(protocol) && cp.getContainerPort() != null) {
                    return cp.getContainerPort();
                }
            }
        }
        return 0;
    }
}
