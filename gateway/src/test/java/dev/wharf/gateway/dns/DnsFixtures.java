package dev.wharf.gateway.dns;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;

/** Services and EndpointSlices for DNS tests. */
final class DnsFixtures {
    private DnsFixtures() {
    }

    static Service clusterIp(String ns, String name, String ip) {
        return new ServiceBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP(ip)
                .addNewPort().withName("http").withProtocol("TCP").withPort(80).endPort()
                .addNewPort().withPort(9000).endPort()
                .endSpec().build();
    }

    static Service headless(String ns, String name, boolean publishNotReady) {
        return new ServiceBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
                .withNewSpec().withClusterIP("None").withPublishNotReadyAddresses(publishNotReady)
                .addNewPort().withName("db").withProtocol("TCP").withPort(5432).endPort()
                .endSpec().build();
    }

    static Service externalName(String ns, String name, String target) {
        return new ServiceBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
                .withNewSpec().withType("ExternalName").withExternalName(target).endSpec().build();
    }

    /** A slice for {@code svc} with endpoints "ip[=hostname][!]" ('!' marks not ready), port "db" 5432. */
    static EndpointSlice slice(String ns, String svc, String... endpoints) {
        EndpointSliceBuilder b = new EndpointSliceBuilder().withNewMetadata().withNamespace(ns)
                .withName(svc + "-abc").addToLabels("kubernetes.io/service-name", svc).endMetadata()
                .withAddressType("IPv4").addNewPort().withName("db").withProtocol("TCP").withPort(5432).endPort();
        for (String e : endpoints) {
            boolean ready = !e.endsWith("!");
            String spec = ready ? e : e.substring(0, e.length() - 1);
            String[] parts = spec.split("=");
            EndpointBuilder ep = new EndpointBuilder().addToAddresses(parts[0]).withNewConditions()
                    .withReady(ready).endConditions();
            if (parts.length > 1) {
                ep.withHostname(parts[1]);
            }
            b.addToEndpoints(ep.build());
        }
        return b.build();
    }
}
