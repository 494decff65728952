package dev.wharf.gateway.k8s;

import dev.wharf.gateway.model.Cluster;
import dev.wharf.gateway.model.HttpRoute;
import dev.wharf.gateway.model.PathType;
import dev.wharf.gateway.model.TlsCertificate;
import dev.wharf.gateway.model.WeightedCluster;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes and certificates of every Ingress this gateway implements (class {@code wharf}, or no class while
 * {@code wharf} is the default class). Ingresses are taken oldest first, so when two claim the same host and path
 * the older one wins, as with ingress-nginx. Default backends come after every rule.
 */
final class IngressRoutes {
    private IngressRoutes() {
    }

    record Result(List<HttpRoute> routes, List<TlsCertificate> certificates) {
    }

    static Result build(Collection<Ingress> ingresses, Collection<Service> services, Collection<Secret> secrets,
                        GatewaySettings settings) {
        Map<String, Service> svcs = new HashMap<>();
        services.forEach(s -> svcs.put(s.getMetadata().getNamespace() + "/" + s.getMetadata().getName(), s));
        Map<String, Secret> scrts = new HashMap<>();
        secrets.forEach(s -> scrts.put(s.getMetadata().getNamespace() + "/" + s.getMetadata().getName(), s));
        List<Ingress> ours = ingresses.stream().filter(i -> isOurs(i, settings))
                .sorted(Comparator.comparing((Ingress i) -> String.valueOf(i.getMetadata().getCreationTimestamp()))
                        .thenComparing(i -> i.getMetadata().getNamespace() + "/" + i.getMetadata().getName()))
                .toList();
        List<HttpRoute> routes = new ArrayList<>();
        List<HttpRoute> defaults = new ArrayList<>();
        List<TlsCertificate> certs = new ArrayList<>();
        for (Ingress ing : ours) {
            String ns = ing.getMetadata().getNamespace();
            String name = ns + "/" + ing.getMetadata().getName();
            var spec = ing.getSpec();
            if (spec == null) {
                continue;
            }
            for (IngressRule rule : spec.getRules() == null ? List.<IngressRule>of() : spec.getRules()) {
                if (rule.getHttp() == null || rule.getHttp().getPaths() == null) {
                    continue;
                }
                for (HTTPIngressPath p : rule.getHttp().getPaths()) {
                    String cluster = clusterOf(ns, p.getBackend(), svcs);
                    if (cluster != null) {
                        routes.add(new HttpRoute(name, rule.getHost(), pathType(p.getPathType()), p.getPath(),
                                List.of(new WeightedCluster(cluster, 100))));
                    }
                }
            }
            String fallback = clusterOf(ns, spec.getDefaultBackend(), svcs);
            if (fallback != null) {
                defaults.add(new HttpRoute(name, "", PathType.PREFIX, "/", List.of(new WeightedCluster(fallback, 100))));
            }
            for (IngressTLS tls : spec.getTls() == null ? List.<IngressTLS>of() : spec.getTls()) {
                Secret secret = tls.getSecretName() == null ? null : scrts.get(ns + "/" + tls.getSecretName());
                TlsCertificate cert = certificate(ns + "/" + tls.getSecretName(), tls.getHosts(), secret);
                if (cert != null) {
                    certs.add(cert);
                }
            }
        }
        routes.addAll(defaults);
        return new Result(routes, certs);
    }

    static boolean isOurs(Ingress ing, GatewaySettings settings) {
        String cls = ing.getSpec() == null ? null : ing.getSpec().getIngressClassName();
        if (cls == null) {
            cls = ServiceClusters.annotation(ing, "kubernetes.io/ingress.class");
        }
        return cls == null ? settings.defaultClass() : cls.equals(settings.ingressClass());
    }

    private static String clusterOf(String ns, IngressBackend backend, Map<String, Service> services) {
        if (backend == null || backend.getService() == null || backend.getService().getName() == null) {
            return null;
        }
        String svcName = backend.getService().getName();
        var port = backend.getService().getPort();
        if (port == null) {
            return null;
        }
        if (port.getNumber() != null && port.getNumber() > 0) {
            return Cluster.idOf(ns, svcName, port.getNumber());
        }
        Service svc = services.get(ns + "/" + svcName);
        if (svc == null || svc.getSpec() == null || svc.getSpec().getPorts() == null) {
            return Cluster.idOf(ns, svcName, 0);
        }
        for (ServicePort sp : svc.getSpec().getPorts()) {
            if (port.getName() != null && port.getName().equals(sp.getName())) {
                return Cluster.idOf(ns, svcName, sp.getPort());
            }
        }
        return Cluster.idOf(ns, svcName, 0);
    }

    private static PathType pathType(String type) {
        if ("Exact".equals(type)) {
            return PathType.EXACT;
        }
        return "ImplementationSpecific".equals(type) ? PathType.IMPLEMENTATION_SPECIFIC : PathType.PREFIX;
    }

    private static TlsCertificate certificate(String name, List<String> hosts, Secret secret) {
        if (secret == null || secret.getData() == null) {
            return null;
        }
        String crt = secret.getData().get("tls.crt");
        String key = secret.getData().get("tls.key");
        if (crt == null || key == null) {
            return null;
        }
        Base64.Decoder d = Base64.getMimeDecoder();
        return new TlsCertificate(name, hosts == null ? List.of() : hosts,
                new String(d.decode(crt), StandardCharsets.UTF_8), new String(d.decode(key), StandardCharsets.UTF_8));
    }
}
