package dev.wharf.api.resource;

/** Labels with a meaning Kubernetes defines (k8s.io/api/core/v1/well_known_labels.go and discovery/v1). */
public final class WellKnownLabels {
    /** The zone of a node (copied onto endpoints and used by spreading and the gateway's zone preference). */
    public static final String ZONE = "topology.kubernetes.io/zone";
    /** The Service an EndpointSlice belongs to. */
    public static final String SERVICE_NAME = "kubernetes.io/service-name";

    private WellKnownLabels() {
    }
}
