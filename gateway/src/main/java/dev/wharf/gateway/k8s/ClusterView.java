package dev.wharf.gateway.k8s;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.List;

/** The objects the gateway is made from, as one consistent-enough read of the informers' caches. */
public record ClusterView(List<Service> services, List<EndpointSlice> slices, List<Ingress> ingresses,
                          List<Secret> secrets, List<Node> nodes) {
    public ClusterView {
        services = List.copyOf(services);
        slices = List.copyOf(slices);
        ingresses = List.copyOf(ingresses);
        secrets = List.copyOf(secrets);
        nodes = List.copyOf(nodes);
    }
}
