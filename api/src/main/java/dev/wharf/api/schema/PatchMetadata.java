package dev.wharf.api.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code patchStrategy}/{@code patchMergeKey} struct tags and {@code +listType}/{@code +listMapKey} markers of
 * k8s.io/api for the served kinds. The client's model classes do not carry them, so they are kept here, keyed by
 * "Type.field" (type without group or version prefix). Lists not listed here are atomic for both strategic merge
 * patch and server-side apply.
 */
public final class PatchMetadata {

    /** Patch metadata of one field. */
    public record Entry(String strategy, String mergeKey, String listType, List<String> mapKeys) {
    }

    private static final Map<String, Entry> TABLE = new HashMap<>();

    static {
        // meta/v1
        set("ObjectMeta.finalizers");
        map("ObjectMeta.ownerReferences", "uid");
        atomic("ObjectMeta.managedFields");
        atomic("LabelSelector.matchExpressions");
        atomic("LabelSelectorRequirement.values");
        atomic("StatusDetails.causes");
        atomic("DeleteOptions.dryRun");
        // core/v1 Pod
        mapRetain("PodSpec.volumes", "name");
        map("PodSpec.initContainers", "name");
        map("PodSpec.containers", "name");
        map("PodSpec.ephemeralContainers", "name");
        map("PodSpec.imagePullSecrets", "name");
        map("PodSpec.hostAliases", "ip");
        map("PodSpec.topologySpreadConstraints", "topologyKey", "topologyKey", "whenUnsatisfiable");
        map("PodSpec.schedulingGates", "name");
        mapRetain("PodSpec.resourceClaims", "name");
        atomic("PodSpec.tolerations");
        atomic("PodSpec.readinessGates");
        atomic("HostAlias.hostnames");
        for (String c : List.of("Container", "EphemeralContainer")) {
            map(c + ".ports", "containerPort", "containerPort", "protocol");
            map(c + ".env", "name");
            map(c + ".volumeMounts", "mountPath");
            map(c + ".volumeDevices", "devicePath");
            atomic(c + ".command");
            atomic(c + ".args");
            atomic(c + ".envFrom");
            atomic(c + ".resizePolicy");
        }
        map("ResourceRequirements.claims", "name");
        atomic("Capabilities.add");
        atomic("Capabilities.drop");
        atomic("ExecAction.command");
        atomic("HTTPGetAction.httpHeaders");
        atomic("PodSecurityContext.supplementalGroups");
        atomic("PodSecurityContext.sysctls");
        atomic("PodDNSConfig.nameservers");
        atomic("PodDNSConfig.searches");
        atomic("PodDNSConfig.options");
        atomic("NodeSelector.nodeSelectorTerms");
        atomic("NodeSelectorTerm.matchExpressions");
        atomic("NodeSelectorTerm.matchFields");
        atomic("NodeSelectorRequirement.values");
        atomic("NodeAffinity.preferredDuringSchedulingIgnoredDuringExecution");
        atomic("PodAffinity.requiredDuringSchedulingIgnoredDuringExecution");
        atomic("PodAffinity.preferredDuringSchedulingIgnoredDuringExecution");
        atomic("PodAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution");
        atomic("PodAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution");
        atomic("PodAffinityTerm.namespaces");
        atomic("PodAffinityTerm.matchLabelKeys");
        atomic("PodAffinityTerm.mismatchLabelKeys");
        atomic("TopologySpreadConstraint.matchLabelKeys");
        atomic("ConfigMapVolumeSource.items");
        atomic("SecretVolumeSource.items");
        atomic("ProjectedVolumeSource.sources");
        atomic("DownwardAPIVolumeSource.items");
        map("PodStatus.conditions", "type");
        map("PodStatus.podIPs", "ip");
        entry("PodStatus.hostIPs", "merge", "ip", "atomic");
        map("PodStatus.resourceClaimStatuses", "name");
        atomic("PodStatus.initContainerStatuses");
        atomic("PodStatus.containerStatuses");
        atomic("PodStatus.ephemeralContainerStatuses");
        atomic("ContainerStatus.volumeMounts");
        atomic("ContainerStatus.allocatedResourcesStatus");
        // core/v1 Service, Endpoints
        map("ServiceSpec.ports", "port", "port", "protocol");
        atomic("ServiceSpec.clusterIPs");
        atomic("ServiceSpec.externalIPs");
        atomic("ServiceSpec.loadBalancerSourceRanges");
        atomic("ServiceSpec.ipFamilies");
        map("ServiceStatus.conditions", "type");
        atomic("LoadBalancerStatus.ingress");
        atomic("LoadBalancerIngress.ports");
        atomic("Endpoints.subsets");
        atomic("EndpointSubset.addresses");
        atomic("EndpointSubset.notReadyAddresses");
        atomic("EndpointSubset.ports");
        // core/v1 Node, Namespace, ServiceAccount
        entry("NodeSpec.podCIDRs", "merge", null, "set");
        atomic("NodeSpec.taints");
        map("NodeStatus.conditions", "type");
        map("NodeStatus.addresses", "type");
        atomic("NodeStatus.images");
        atomic("NodeStatus.volumesInUse");
        atomic("NodeStatus.volumesAttached");
        atomic("ContainerImage.names");
        atomic("NamespaceSpec.finalizers");
        map("NamespaceStatus.conditions", "type");
        map("ServiceAccount.secrets", "name");
        atomic("ServiceAccount.imagePullSecrets");
        // apps/v1
        entry("DeploymentSpec.strategy", "retainKeys", null, null);
        map("DeploymentStatus.conditions", "type");
        map("ReplicaSetStatus.conditions", "type");
        // autoscaling/v2
        atomic("HorizontalPodAutoscalerSpec.metrics");
        atomic("HPAScalingRules.policies");
        atomic("HorizontalPodAutoscalerStatus.currentMetrics");
        map("HorizontalPodAutoscalerStatus.conditions", "type");
        // networking.k8s.io/v1
        atomic("IngressSpec.tls");
        atomic("IngressSpec.rules");
        atomic("IngressTLS.hosts");
        atomic("HTTPIngressRuleValue.paths");
        atomic("IngressLoadBalancerStatus.ingress");
        atomic("IngressLoadBalancerIngress.ports");
    }

    private PatchMetadata() {
    }

    /** The entry for {@code type} (e.g. "PodSpec") and {@code field}, or null. */
    public static Entry of(String type, String field) {
        return TABLE.get(type + "." + field);
    }

    private static void map(String key, String mergeKey, String... mapKeys) {
        TABLE.put(key, new Entry("merge", mergeKey, "map", mapKeys.length == 0 ? List.of(mergeKey) : List.of(mapKeys)));
    }

    private static void mapRetain(String key, String mergeKey) {
        TABLE.put(key, new Entry("merge,retainKeys", mergeKey, "map", List.of(mergeKey)));
    }

    private static void set(String key) {
        TABLE.put(key, new Entry("merge", null, "set", List.of()));
    }

    private static void atomic(String key) {
        TABLE.put(key, new Entry(null, null, "atomic", List.of()));
    }

    private static void entry(String key, String strategy, String mergeKey, String listType) {
        TABLE.put(key, new Entry(strategy, mergeKey, listType, mergeKey == null || !"map".equals(listType) ? List.of() : List.of(mergeKey)));
    }
}
