package dev.wharf.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.apiserver.rest.ResourceService;
import dev.wharf.apiserver.rest.WriteOptions;
import dev.wharf.common.Json;
import dev.wharf.common.ManualClock;
import dev.wharf.common.Randoms;
import dev.wharf.spi.store.MemoryStore;

/** An API server over a MemoryStore with a manual clock and seeded randomness; not listening until started. */
public final class ApiFixture implements AutoCloseable {
    public final MemoryStore store = new MemoryStore();
    public final ManualClock clock = new ManualClock();
    public final ApiServer server;
    public final ResourceService service;

    public ApiFixture() {
        this(c -> c);
    }

    public ApiFixture(java.util.function.UnaryOperator<ApiServerConfig> tweak) {
        server = new ApiServer(tweak.apply(ApiServerConfig.defaults(store, clock, Randoms.seeded(42))));
        service = server.service();
        namespace("default");
    }

    public ObjectNode namespace(String name) {
        return create(ResourceTypes.NAMESPACES, null, obj("v1", "Namespace", null, name));
    }

    public ObjectNode create(ResourceType type, String ns, ObjectNode body) {
        return service.creates().create(type, ns, body, WriteOptions.of("test"));
    }

    public static ObjectNode obj(String apiVersion, String kind, String namespace, String name) {
        ObjectNode o = Json.object().put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode meta = o.putObject("metadata");
        if (name != null) {
            meta.put("name", name);
        }
        if (namespace != null) {
            meta.put("namespace", namespace);
        }
        return o;
    }

    public static ObjectNode configMap(String ns, String name, String key, String value) {
        ObjectNode cm = obj("v1", "ConfigMap", ns, name);
        cm.putObject("data").put(key, value);
        return cm;
    }

    public static ObjectNode pod(String ns, String name) {
        ObjectNode pod = obj("v1", "Pod", ns, name);
        pod.putObject("spec").putArray("containers").addObject().put("name", "app").put("image", "busybox:1.36");
        return pod;
    }

    public static ObjectNode deployment(String ns, String name, int replicas) {
        return (ObjectNode) Json.parse("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%s","namespace":"%s","labels":{"app":"%s"}},
                 "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"%s"}},
                   "template":{"metadata":{"labels":{"app":"%s"}},"spec":{"containers":[{"name":"web","image":"nginx:1.25"}]}}}}
                """.formatted(name, ns, name, replicas, name, name));
    }

    @Override
    public void close() {
        server.stop();
        store.close();
    }
}
