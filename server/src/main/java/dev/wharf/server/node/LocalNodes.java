package dev.wharf.server.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.agent.AgentConfig;
import dev.wharf.agent.NodeAgent;
import dev.wharf.apiserver.rest.PodLogSource;
import dev.wharf.common.Clock;
import dev.wharf.common.Component;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.spi.image.ImageStore;
import dev.wharf.runtime.RuntimeFactory;
import dev.wharf.spi.runtime.ContainerRuntime;
import dev.wharf.spi.runtime.ContainerStatus;
import dev.wharf.spi.runtime.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The node agents `wharf dev` runs in its own process: node-1..node-N, zones assigned round-robin, each with its
 * own state dir and pod subnet (100.96.i.0/24), sharing one image store. Stopping them stops their pods (the next
 * start re-creates them), as the issue asks of `wharf dev`; a standalone `wharf agent` leaves its containers running.
 */
public final class LocalNodes implements Component, PodLogSource {
    private final Supplier<ApiClient> api;
    private final Path dataDir;
    private final ImageStore images;
    private final String runtimeDriver;
    private final int count;
    private final List<String> zones;
    private final Clock clock;
    private final Map<String, NodeAgent> agents = new ConcurrentHashMap<>();
    private List<String> clusterDns = List.of();
    private final Map<String, ContainerRuntime> runtimes = new ConcurrentHashMap<>();

    public LocalNodes(Supplier<ApiClient> api, Path dataDir, ImageStore images, String runtimeDriver, int count,
            List<String> zones, Clock clock) {
        if (count < 0 || count > 200) {
            throw new IllegalArgumentException("--nodes must be between 0 and 200, got " + count);
        }
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("--zones must name at least one zone");
        }
        this.api = api;
        this.dataDir = dataDir;
        this.images = images;
        this.runtimeDriver = runtimeDriver;
        this.count = count;
        this.zones = List.copyOf(zones);
        this.clock = clock;
    }

    /** Before {@link #start}: the cluster DNS address pods' resolv.conf names (none: the host's resolv.conf). */
    public LocalNodes withClusterDns(List<String> servers) {
        this.clusterDns = List.copyOf(servers);
        return this;
    }

    @Override
    public String name() {
        return "nodes";
    }

    @Override
    public void start() throws Exception {
        for (int i = 1; i <= count; i++) {
            String name = "node-" + i;
            Path nodeDir = dataDir.resolve("nodes").resolve(name);
            ContainerRuntime runtime = RuntimeFactory.create(runtimeDriver, nodeDir.resolve("runtime"), clock, i);
            AgentConfig config = AgentConfig.builder(name, api.get(), runtime, images, nodeDir)
                    .zone(zones.get((i - 1) % zones.size()))
                    .podCidr("100.96." + i + ".0/24")
                    .clock(clock)
                    .clusterDns(clusterDns)
                    .build();
            NodeAgent agent = new NodeAgent(config);
            agent.start();
            agents.put(name, agent);
            runtimes.put(name, runtime);
        }
    }

    @Override
    public void awaitReady(Duration timeout) throws Exception {
        for (NodeAgent agent : agents.values()) {
            agent.awaitReady(timeout);
        }
    }

    /** Stops the agents, then their pods (SIGTERM, SIGKILL after 10 s), while the API still serves. */
    @Override
    public void stop() {
        agents.entrySet().parallelStream().forEach(e -> {
            e.getValue().stop();
            e.getValue().stopPods(Duration.ofSeconds(10));
            removeLeftovers(runtimes.get(e.getKey()));
        });
        agents.clear();
        runtimes.clear();
    }

    /** Whatever the agent did not remove (a pod it was still starting): no mount or netns outlives `wharf dev`. */
    private static void removeLeftovers(ContainerRuntime runtime) {
        runtime.list().parallelStream().forEach(c -> {
            try {
                runtime.stop(c.id(), Duration.ofSeconds(2));
                runtime.remove(c.id());
            } catch (RuntimeException e) {
                System.err.println("wharf: cannot remove container " + c.id() + ": " + e.getMessage());
            }
        });
        for (Sandbox s : runtime.listSandboxes()) {
            try {
                runtime.stopSandbox(s.id());
                runtime.removeSandbox(s.id());
            } catch (RuntimeException e) {
                System.err.println("wharf: cannot remove pod sandbox " + s.id() + ": " + e.getMessage());
            }
        }
    }

    /** pods/log: reads the log files of the node the pod runs on. */
    @Override
    public InputStream open(ObjectNode pod, LogOptions o) throws IOException {
        String node = pod.path("spec").path("nodeName").asText("");
        String ns = pod.path("metadata").path("namespace").asText();
        String name = pod.path("metadata").path("name").asText();
        NodeAgent agent = agents.get(node);
        if (agent == null) {
            return PodLogSource.NONE.open(pod, o);
        }
        return agent.logs().open(ns, name, o.container(), o.follow(), o.tailLines(), o.timestamps(), o.sinceSeconds(),
                o.previous());
    }
}
