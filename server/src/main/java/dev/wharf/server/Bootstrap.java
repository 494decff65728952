package dev.wharf.server;

import dev.wharf.api.ApiException;
import dev.wharf.controller.runtime.ApiClient;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;

/**
 * What every cluster has from its first start: the namespaces default, kube-system and kube-public; the Service
 * kube-dns (the cluster DNS address, served on every node host, not proxied); the IngressClass wharf (default).
 */
final class Bootstrap {
    private Bootstrap() {
    }

    static void ensureSystemNamespaces(ApiClient client) {
        for (String name : new String[] {"default", "kube-system", "kube-public", "kube-node-lease"}) {
            if (client.get(Namespace.class, null, name) == null) {
                try {
                    client.create(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build());
                } catch (ApiException e) {
                    if (e.code() != 409) {
                        throw e;
                    }
                }
            }
        }
    }

    static void ensureClusterServices(ApiClient client) {
        createIfAbsent(client, new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withName("kube-dns").withNamespace("kube-system")
                .addToLabels("k8s-app", "kube-dns").addToLabels("kubernetes.io/name", "CoreDNS")
                .addToAnnotations("gateway.wharf.dev/node-local", "dns").endMetadata()
                .withNewSpec().withClusterIP(dev.wharf.server.gateway.HostGateway.CLUSTER_DNS_IP)
                .addNewPort().withName("dns").withPort(53).withProtocol("UDP").endPort()
                .addNewPort().withName("dns-tcp").withPort(53).withProtocol("TCP").endPort()
                .endSpec().build());
        createIfAbsent(client, new io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder()
                .withNewMetadata().withName("wharf")
                .addToAnnotations("ingressclass.kubernetes.io/is-default-class", "true").endMetadata()
                .withNewSpec().withController("wharf.dev/gateway").endSpec().build());
    }

    private static void createIfAbsent(ApiClient client, io.fabric8.kubernetes.api.model.HasMetadata object) {
        if (client.get(object.getClass(), object.getMetadata().getNamespace(), object.getMetadata().getName()) != null) {
            return;
        }
        try {
            client.create(object);
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
        }
    }
}
