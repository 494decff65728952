package dev.wharf.controllers.endpoints;

import dev.wharf.common.ManualClock;
import dev.wharf.common.Randoms;
import dev.wharf.controller.runtime.ApiClient.DeleteOptions;
import dev.wharf.controller.runtime.ApiClient.ListOptions;
import dev.wharf.controller.runtime.ControllerManager;
import dev.wharf.controller.runtime.fake.FakeApiClient;
import dev.wharf.controllers.Controllers;
import dev.wharf.controllers.servicelb.ServiceNetworking;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Service controllers alone (Endpoints, EndpointSlices, LoadBalancer addresses, Ingress status) on the
 * fake API with a ManualClock and seeded randomness; helpers play the kubelet (pod IP and readiness).
 */
public final class ServiceFixture {
    public final ManualClock clock = new ManualClock();
    public final FakeApiClient api = new FakeApiClient(clock, Randoms.seeded(7));
    public final ControllerManager manager;

    public ServiceFixture() {
        this(ServiceNetworking.DEFAULTS);
    }

    public ServiceFixture(ServiceNetworking networking) {
        api.create(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build());
        manager = new ControllerManager(api, clock);
        Controllers.services(manager, Randoms.seeded(9), networking);
        manager.startInformers();
        settle();
    }

    public ServiceFixture settle() {
        manager.runUntilIdle();
        return this;
    }

    public void node(String name, String zone) {
        api.create(new NodeBuilder().withNewMetadata().withName(name).addToLabels(Backends.ZONE_LABEL, zone).endMetadata().build());
        settle();
    }

    /** A ClusterIP Service selecting app=NAME with port 80 to targetPort {@code target} (an int or a name). */
    public Service service(String name, Object target, Consumer<ServiceBuilder> change) {
        ServiceBuilder b = new ServiceBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP("100.64.0.10").addToSelector("app", name)
                .withPorts(new ServicePortBuilder().withName("http").withPort(80).withProtocol("TCP")
                        .withNewTargetPort(target).build())
                .endSpec();
        change.accept(b);
        Service svc = api.create(b.build());
        settle();
        return svc;
    }

    /** A pod labelled app=APP on {@code node} with IP {@code ip}, a container port "http" 8080, Running, ready or not. */
    public Pod pod(String name, String app, String node, String ip, boolean ready) {
        Pod pod = api.create(new PodBuilder().withNewMetadata().withNamespace("default").withName(name)
                .addToLabels("app", app).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("main").withImage("img")
                .withPorts(new ContainerPortBuilder().withName("http").withContainerPort(8080).withProtocol("TCP").build())
                .endContainer().endSpec().build());
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
        pod.getStatus().setPhase("Running");
        pod.getStatus().setPodIP(ip);
        pod.getStatus().setConditions(List.of(condition(ready)));
        Pod out = api.updateStatus(pod);
        settle();
        return out;
    }

    public Pod setReady(String name, boolean ready) {
        Pod pod = api.get(Pod.class, "default", name);
        pod.getStatus().setConditions(List.of(condition(ready)));
        Pod out = api.updateStatus(pod);
        settle();
        return out;
    }

    public void delete(Class<? extends HasMetadata> type, String name) {
        api.delete(type, "default", name, DeleteOptions.background());
        settle();
    }

    public <T extends HasMetadata> List<T> list(Class<T> type) {
        return api.list(type, ListOptions.in("default")).items();
    }

    /** Writes (create/update/delete) recorded on {@code resource} ("endpointslices") since the last clear. */
    public long writes(String resource) {
        return api.actions().stream().filter(a -> a.resource().equals(resource) && !a.verb().equals("get")
                && !a.verb().equals("list") && !a.verb().equals("watch")).count();
    }

    private PodCondition condition(boolean ready) {
        return new PodCondition(null, clock.now().toString(), null, null, null, ready ? "True" : "False", "Ready");
    }
}
