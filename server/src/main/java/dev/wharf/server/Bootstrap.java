package dev.wharf.server;

import dev.wharf.api.ApiException;
import dev.wharf.controller.runtime.ApiClient;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;

/** What every cluster has from its first start: the namespaces default, kube-system and kube-public. */
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
}
