package dev.wharf.api.schema;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the official client's model class names ({@code V1DeploymentSpec}, {@code CoreV1Event}) to the definition
 * names the Kubernetes API server publishes ({@code io.k8s.api.apps.v1.DeploymentSpec}).
 */
final class DefinitionNames {
    static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    static final String PATCH = META + "Patch";

    private static final Pattern PREFIX = Pattern.compile("^(CoreV1|DiscoveryV1|V\\d+(?:alpha\\d+|beta\\d+)?)(.+)$");
    private static final Set<String> META_TYPES = Set.of("ObjectMeta", "ListMeta", "ManagedFieldsEntry", "OwnerReference",
            "LabelSelector", "LabelSelectorRequirement", "Status", "StatusDetails", "StatusCause", "DeleteOptions",
            "Preconditions", "Condition", "WatchEvent");
    private static final Set<String> AUTOSCALING_V1 = Set.of("Scale", "ScaleSpec", "ScaleStatus");
    private static final List<String> APPS = List.of("Deployment", "ReplicaSet", "RollingUpdateDeployment");
    private static final List<String> NETWORKING = List.of("Ingress", "HTTPIngress", "ServiceBackendPort", "IPBlock");
    private static final List<String> COORDINATION = List.of("Lease");
    /** discovery.k8s.io/v1 (V1Endpoint is discovery's; core's are Endpoints, EndpointAddress, EndpointSubset). */
    private static final Set<String> DISCOVERY = Set.of("EndpointSlice", "EndpointSliceList", "Endpoint",
            "EndpointConditions", "EndpointHints", "ForZone", "ForNode");

    private DefinitionNames() {
    }

    /** "Deployment" for V1Deployment: the type name without version prefix, as patch metadata is keyed. */
    static String localName(Class<?> model) {
        Matcher m = PREFIX.matcher(model.getSimpleName());
        return m.matches() ? m.group(2) : model.getSimpleName();
    }

    static String definitionName(Class<?> model) {
        Matcher m = PREFIX.matcher(model.getSimpleName());
        if (!m.matches()) {
            return "io.k8s.api.core.v1." + model.getSimpleName();
        }
        String prefix = m.group(1);
        String local = m.group(2);
        if (prefix.equals("CoreV1")) {
            return "io.k8s.api.core.v1." + local;
        }
        if (prefix.equals("DiscoveryV1")) {
            return "io.k8s.api.discovery.v1." + local;
        }
        String version = prefix.toLowerCase(Locale.ROOT);
        if (META_TYPES.contains(local)) {
            return META + local;
        }
        if (version.equals("v2")) {
            return "io.k8s.api.autoscaling.v2." + local;
        }
        if (AUTOSCALING_V1.contains(local)) {
            return "io.k8s.api.autoscaling.v1." + local;
        }
        if (startsWithAny(local, APPS)) {
            return "io.k8s.api.apps." + version + "." + local;
        }
        if (startsWithAny(local, NETWORKING)) {
            return "io.k8s.api.networking." + version + "." + local;
        }
        if (DISCOVERY.contains(local)) {
            return "io.k8s.api.discovery." + version + "." + local;
        }
        if (startsWithAny(local, COORDINATION)) {
            return "io.k8s.api.coordination." + version + "." + local;
        }
        return "io.k8s.api.core." + version + "." + local;
    }

    private static boolean startsWithAny(String s, List<String> prefixes) {
        for (String p : prefixes) {
            if (s.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
