package dev.wharf.api.resource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The registry of every resource type Wharf serves, in discovery order. */
public final class ResourceTypes {
    public static final ResourceType NAMESPACES = core("Namespace", "namespaces", false, List.of("ns"), List.of(), Set.of("status", "finalize"), Namespace.class);
    public static final ResourceType PODS = core("Pod", "pods", true, List.of("po"), List.of("all"), Set.of("status", "binding", "log", "eviction"), Pod.class);
    public static final ResourceType SERVICES = core("Service", "services", true, List.of("svc"), List.of("all"), Set.of("status"), Service.class);
    public static final ResourceType ENDPOINTS = core("Endpoints", "endpoints", true, List.of("ep"), List.of(), Set.of(), Endpoints.class);
    public static final ResourceType CONFIGMAPS = core("ConfigMap", "configmaps", true, List.of("cm"), List.of(), Set.of(), ConfigMap.class);
    public static final ResourceType SECRETS = core("Secret", "secrets", true, List.of(), List.of(), Set.of(), Secret.class);
    public static final ResourceType NODES = core("Node", "nodes", false, List.of("no"), List.of(), Set.of("status"), Node.class);
    public static final ResourceType EVENTS = core("Event", "events", true, List.of("ev"), List.of(), Set.of(), Event.class);
    public static final ResourceType SERVICE_ACCOUNTS = core("ServiceAccount", "serviceaccounts", true, List.of("sa"), List.of(), Set.of(), ServiceAccount.class);
    public static final ResourceType DEPLOYMENTS = new ResourceType("apps", "v1", "Deployment", "deployments", "deployment", true, List.of("deploy"), List.of("all"), Set.of("status", "scale"), Deployment.class);
    public static final ResourceType REPLICASETS = new ResourceType("apps", "v1", "ReplicaSet", "replicasets", "replicaset", true, List.of("rs"), List.of("all"), Set.of("status", "scale"), ReplicaSet.class);
    public static final ResourceType HPAS = new ResourceType("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", "horizontalpodautoscaler", true, List.of("hpa"), List.of("all"), Set.of("status"), HorizontalPodAutoscaler.class);
    public static final ResourceType INGRESSES = new ResourceType("networking.k8s.io", "v1", "Ingress", "ingresses", "ingress", true, List.of("ing"), List.of(), Set.of("status"), Ingress.class);
    public static final ResourceType INGRESS_CLASSES = new ResourceType("networking.k8s.io", "v1", "IngressClass", "ingressclasses", "ingressclass", false, List.of(), List.of(), Set.of(), IngressClass.class);
    public static final ResourceType ENDPOINT_SLICES = new ResourceType("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", "endpointslice", true, List.of(), List.of(), Set.of(), EndpointSlice.class);
    public static final ResourceType LEASES = new ResourceType("coordination.k8s.io", "v1", "Lease", "leases", "lease", true, List.of(), List.of(), Set.of(), Lease.class);

    private static final List<ResourceType> ALL = List.of(
            NAMESPACES, PODS, SERVICES, ENDPOINTS, CONFIGMAPS, SECRETS, NODES, EVENTS, SERVICE_ACCOUNTS,
            DEPLOYMENTS, REPLICASETS, HPAS, INGRESSES, INGRESS_CLASSES, ENDPOINT_SLICES, LEASES);

    private final List<ResourceType> types;
    private final Map<String, ResourceType> byPath = new LinkedHashMap<>();
    private final Map<String, ResourceType> byKind = new LinkedHashMap<>();
    private final Map<Class<?>, ResourceType> byClass = new LinkedHashMap<>();

    public ResourceTypes(List<ResourceType> types) {
        this.types = List.copyOf(types);
        for (ResourceType t : types) {
            byPath.put(t.apiVersion() + "/" + t.plural(), t);
            byKind.put(t.apiVersion() + "/" + t.kind(), t);
            byClass.put(t.modelClass(), t);
        }
    }

    /** The built-in types. */
    public static ResourceTypes builtIn() {
        return new ResourceTypes(ALL);
    }

    public List<ResourceType> all() {
        return types;
    }

    /** By group ("" for core), version and plural, as in a URL. */
    public Optional<ResourceType> byResource(String group, String version, String plural) {
        String gv = group.isEmpty() ? version : group + "/" + version;
        return Optional.ofNullable(byPath.get(gv + "/" + plural));
    }

    /** By apiVersion ("apps/v1") and kind, as in an object. */
    public Optional<ResourceType> byKind(String apiVersion, String kind) {
        return Optional.ofNullable(byKind.get(apiVersion + "/" + kind));
    }

    public ResourceType byClass(Class<? extends HasMetadata> type) {
        ResourceType t = byClass.get(type);
        if (t == null) {
            throw new IllegalArgumentException("not a served resource type: " + type.getName());
        }
        return t;
    }

    /** The group-versions served, in discovery order ("v1" first). */
    public List<String> groupVersions() {
        List<String> gvs = new ArrayList<>();
        for (ResourceType t : types) {
            if (!gvs.contains(t.apiVersion())) {
                gvs.add(t.apiVersion());
            }
        }
        return gvs;
    }

    private static ResourceType core(String kind, String plural, boolean namespaced, List<String> shortNames,
            List<String> categories, Set<String> subresources, Class<? extends HasMetadata> cls) {
        return new ResourceType("", "v1", kind, plural, kind.toLowerCase(java.util.Locale.ROOT), namespaced,
                shortNames, categories, subresources, cls);
    }
}
