package dev.wharf.controllers;

import dev.wharf.common.ManualClock;
import dev.wharf.common.Randoms;
import dev.wharf.controller.runtime.ApiClient.ListOptions;
import dev.wharf.controller.runtime.ControllerManager;
import dev.wharf.controller.runtime.fake.FakeApiClient;
import dev.wharf.controllers.support.Pods;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A whole control plane on the fake API: every controller, a ManualClock, and helpers that play the scheduler
 * and the kubelet (bind a pod to a node, mark it ready). {@link #settle()} reconciles until nothing is left.
 */
public final class TestCluster {
    public final ManualClock clock = new ManualClock();
    public final FakeApiClient api = new FakeApiClient(clock, Randoms.seeded(7));
    public final ControllerManager manager;

    public TestCluster() {
        api.create(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build());
        manager = Controllers.create(api, clock, Randoms.seeded(8));
        manager.startInformers();
        settle();
    }

    public TestCluster settle() {
        manager.runUntilIdle();
        return this;
    }

    public TestCluster advance(Duration d) {
        clock.advance(d);
        return settle();
    }

    public Node node(String name, String zone) {
        return api.create(new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("topology.kubernetes.io/zone", zone).endMetadata().build());
    }

    public List<Pod> pods() {
        return api.list(Pod.class, ListOptions.in("default")).items();
    }

    public List<Pod> activePods() {
        return pods().stream().filter(Pods::isActive).toList();
    }

    public Pod bind(Pod pod, String node) {
        Pod p = api.get(Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        p.getSpec().setNodeName(node);
        return api.update(p);
    }

    /** Plays the kubelet: Running and Ready since now. */
    public Pod ready(Pod pod) {
        Pod p = api.get(Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        PodStatus st = new PodStatus();
        st.setPhase("Running");
        st.setConditions(List.of(new PodCondition(null, clock.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                null, null, null, "True", "Ready")));
        p.setStatus(st);
        return api.updateStatus(p);
    }

    /** Binds (to node "n1" unless already bound) and readies every active pod that is not ready yet. */
    public TestCluster readyAll() {
        for (Pod p : activePods()) {
            if (!Pods.isReady(p)) {
                if (!Pods.isScheduled(p)) {
                    bind(p, "n1");
                }
                ready(p);
            }
        }
        return settle();
    }

    public Deployment deploy(String name, int replicas, String image) {
        return api.create(deployment(name, replicas, image));
    }

    public static Deployment deployment(String name, int replicas, String image) {
        return new DeploymentBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    public Deployment get(String deployment) {
        return api.get(Deployment.class, "default", deployment);
    }

    public Deployment update(String deployment, java.util.function.Consumer<Deployment> change) {
        Deployment d = get(deployment);
        change.accept(d);
        return api.update(d);
    }

    public List<String> eventMessages(String reason) {
        return api.list(Event.class, ListOptions.all()).items().stream().filter(e -> reason.equals(e.getReason()))
                .map(Event::getMessage).toList();
    }
}
