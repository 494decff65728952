package dev.wharf.gateway.k8s;

import dev.wharf.gateway.model.Cluster;
import dev.wharf.gateway.model.Endpoint;
import dev.wharf.gateway.model.HealthCheck;
import dev.wharf.gateway.model.LbPolicy;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@link Cluster} per port of every Service, with the endpoints its EndpointSlices list for that port (matched by
 * port name and protocol, as kube-proxy does). Annotations on the Service choose the balancing policy
 * ({@code gateway.wharf.dev/lb-policy: round-robin | least-request}) and an active health check
 * ({@code gateway.wharf.dev/health-check-path: /healthz}).
 */
final class ServiceClusters {
    static final String SERVICE_NAME_LABEL = dev.wharf.api.resource.WellKnownLabels.SERVICE_NAME;
    static final String LB_POLICY = "gateway.wharf.dev/lb-policy";
    static final String HEALTH_PATH = "gateway.wharf.dev/health-check-path";

    private ServiceClusters() {
    }

    static Map<String, Cluster> build(Collection<Service> services, Collection<EndpointSlice> slices) {
        Map<String, List<EndpointSlice>> byService = new HashMap<>();
        for (EndpointSlice s : slices) {
            String svc = s.getMetadata().getLabels() == null ? null
                    : s.getMetadata().getLabels().get(SERVICE_NAME_LABEL);
            if (svc != null) {
                byService.computeIfAbsent(s.getMetadata().getNamespace() + "/" + svc, k -> new ArrayList<>()).add(s);
            }
        }
        Map<String, Cluster> clusters = new LinkedHashMap<>();
        for (Service svc : services) {
            if (svc.getSpec() == null || "ExternalName".equals(svc.getSpec().getType()) || svc.getSpec().getPorts() == null) {
                continue;
            }
            String ns = svc.getMetadata().getNamespace();
            String name = svc.getMetadata().getName();
            List<EndpointSlice> own = byService.getOrDefault(ns + "/" + name, List.of());
            for (ServicePort port : svc.getSpec().getPorts()) {
                String id = Cluster.idOf(ns, name, port.getPort());
                clusters.put(id, new Cluster(id, ns, name, port.getName(), policy(svc), clientIpAffinity(svc),
                        affinityTimeout(svc), healthCheck(svc), endpoints(own, port)));
            }
        }
        return clusters;
    }

    private static List<Endpoint> endpoints(List<EndpointSlice> slices, ServicePort port) {
        List<Endpoint> out = new ArrayList<>();
        String portName = port.getName() == null ? "" : port.getName();
        String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
        for (EndpointSlice slice : slices) {
            if (slice.getAddressType() != null && !"IPv4".equals(slice.getAddressType())) {
                continue;
            }
            Integer number = null;
            for (EndpointPort p : slice.getPorts() == null ? List.<EndpointPort>of() : slice.getPorts()) {
                String pn = p.getName() == null ? "" : p.getName();
                String pp = p.getProtocol() == null ? "TCP" : p.getProtocol();
                if (pn.equals(portName) && pp.equals(protocol) && p.getPort() != null) {
                    number = p.getPort();
                }
            }
            if (number == null || slice.getEndpoints() == null) {
                continue;
            }
            for (io.fabric8.kubernetes.api.model.discovery.v1.Endpoint e : slice.getEndpoints()) {
                EndpointConditions c = e.getConditions();
                boolean ready = c == null || c.getReady() == null || c.getReady();
                boolean terminating = c != null && Boolean.TRUE.equals(c.getTerminating());
                ObjectReference ref = e.getTargetRef();
                String target = ref == null ? "" : Objects.requireNonNullElse(ref.getNamespace(), "") + "/" + ref.getName();
                for (String ip : e.getAddresses() == null ? List.<String>of() : e.getAddresses()) {
                    out.add(new Endpoint(ip, number, e.getZone(), e.getNodeName(), target, ready, terminating));
                }
            }
        }
        return out;
    }

    private static LbPolicy policy(Service svc) {
        String v = annotation(svc, LB_POLICY);
        return v != null && v.replace("_", "-").equalsIgnoreCase("least-request") ? LbPolicy.LEAST_REQUEST
                : LbPolicy.ROUND_ROBIN;
    }

    private static boolean clientIpAffinity(Service svc) {
        return "ClientIP".equals(svc.getSpec().getSessionAffinity());
    }

    private static int affinityTimeout(Service svc) {
        var cfg = svc.getSpec().getSessionAffinityConfig();
        if (cfg != null && cfg.getClientIP() != null && cfg.getClientIP().getTimeoutSeconds() != null) {
            return cfg.getClientIP().getTimeoutSeconds();
        }
        return 10800;
    }

    private static HealthCheck healthCheck(Service svc) {
        String path = annotation(svc, HEALTH_PATH);
        return path == null || path.isBlank() ? null
                : new HealthCheck(path, Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 2);
    }

    static String annotation(io.fabric8.kubernetes.api.model.HasMetadata o, String key) {
        Map<String, String> a = o.getMetadata().getAnnotations();
        return a == null ? null : a.get(key);
    }
}
