package dev.wharf.agent;

import dev.wharf.common.ManualClock;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controller.runtime.fake.FakeApiClient;
import dev.wharf.runtime.fake.FakeRuntime;
import dev.wharf.spi.image.InMemoryImageStore;
import dev.wharf.spi.runtime.ContainerRuntime;
import dev.wharf.spi.runtime.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** A node agent on the fake API, the fake runtime and the in-memory image store, with a ManualClock. */
final class AgentHarness implements AutoCloseable {
    static final String NODE = "node-1";

    final ManualClock clock = new ManualClock();
    final FakeApiClient api = new FakeApiClient(clock, new Random(42));
    final InMemoryImageStore images = new InMemoryImageStore();
    final Path dir;
    FakeRuntime runtime;
    NodeAgent agent;

    AgentHarness(Path dir) {
        this.dir = dir;
        api.gracefulPodDeletion(true);
        api.create(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build());
        this.runtime = new FakeRuntime(dir.resolve("runtime"), clock);
    }

    AgentHarness start() throws Exception {
        agent = new NodeAgent(config(runtime).build());
        agent.start();
        return this;
    }

    AgentConfig.Builder config(ContainerRuntime rt) {
        return AgentConfig.builder(NODE, api, rt, images, dir.resolve("data"))
                .zone("a").region("r1").clock(clock).podCidr("100.96.1.0/24")
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)).relistPeriod(Duration.ofMillis(10));
    }

    /** A canonical pod bound to this node: one container "app" running busybox. */
    static PodBuilder pod(String name) {
        return new PodBuilder().withNewMetadata().withNamespace("default").withName(name).addToLabels("app", name).endMetadata()
                .withNewSpec().withNodeName(NODE).withTerminationGracePeriodSeconds(1L)
                .addNewContainer().withName("app").withImage("busybox:latest").withCommand("sleep", "3600").endContainer()
                .endSpec();
    }

    Pod create(Pod pod) {
        return api.create(pod);
    }

    Pod get(String name) {
        return api.get(Pod.class, "default", name);
    }

    Pod awaitPod(String name, Predicate<Pod> condition) {
        try {
            return awaitPod0(name, condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Pod p = get(name);
            throw new AssertionError("pod " + name + " never matched; status: "
                    + (p == null ? "gone" : dev.wharf.common.Json.string(p.getStatus())) + "; events: " + reasons(), e);
        }
    }

    private Pod awaitPod0(String name, Predicate<Pod> condition) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
            Pod p = get(name);
            return p != null && condition.test(p);
        });
        return get(name);
    }

    /** Advances the clock and waits until the agent has nothing left to do. */
    void advance(Duration d) {
        clock.advance(d);
        settle();
    }

    void settle() {
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ofMillis(150)).pollInterval(Duration.ofMillis(10))
                .until(() -> agent.idle());
    }

    static String phase(Pod p) {
        return p.getStatus() == null ? null : p.getStatus().getPhase();
    }

    static boolean ready(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    }

    static io.fabric8.kubernetes.api.model.ContainerStatus status(Pod p, String container) {
        if (p.getStatus() == null || p.getStatus().getContainerStatuses() == null) {
            return null;
        }
        return p.getStatus().getContainerStatuses().stream().filter(c -> c.getName().equals(container)).findFirst().orElse(null);
    }

    static String waitingReason(Pod p, String container) {
        var s = status(p, container);
        return s == null || s.getState() == null || s.getState().getWaiting() == null ? null : s.getState().getWaiting().getReason();
    }

    /** The runtime's containers of the pod named so, newest last. */
    List<ContainerStatus> containers(String pod, String container) {
        Pod p = get(pod);
        String uid = p == null ? "" : p.getMetadata().getUid();
        return runtime.list().stream().filter(c -> c.podUid().equals(uid) && c.name().equals(container))
                .sorted(java.util.Comparator.comparingInt(ContainerStatus::restartCount)).toList();
    }

    String running(String pod, String container) {
        return containers(pod, container).stream().filter(ContainerStatus::running).map(ContainerStatus::id)
                .reduce((a, b) -> b).orElseThrow();
    }

    List<String> reasons() {
        return api.list(Event.class, ApiClient.ListOptions.all()).items().stream().map(Event::getReason).toList();
    }

    List<Event> events(String reason) {
        return api.list(Event.class, ApiClient.ListOptions.all()).items().stream()
                .filter(e -> e.getReason().equals(reason)).toList();
    }

    @Override
    public void close() {
        if (agent != null) {
            agent.stop();
        }
    }
}
