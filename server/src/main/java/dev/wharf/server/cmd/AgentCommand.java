package dev.wharf.server.cmd;

import dev.wharf.agent.AgentConfig;
import dev.wharf.agent.NodeAgent;
import dev.wharf.gateway.k8s.GatewaySettings;
import dev.wharf.server.gateway.HostGateway;
import dev.wharf.common.Clock;
import dev.wharf.controller.runtime.http.HttpApiClient;
import dev.wharf.controller.runtime.http.HttpApiClientConfig;
import dev.wharf.images.registry.RegistryClient;
import dev.wharf.images.registry.RegistryOptions;
import dev.wharf.images.store.NodeImageStore;
import dev.wharf.runtime.RuntimeFactory;
import dev.wharf.spi.runtime.ContainerRuntime;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `wharf agent`: a node that joins a Wharf server and runs the pods the scheduler binds to it. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Join a Wharf server as a node: register a Node, heartbeat, and run the pods bound to it.",
                "Stopping the agent leaves its containers running; the next agent on the same data dir re-adopts them.",
                "Example: wharf agent --server https://10.0.0.5:6443 --token $(cat admin.token) --ca-file ca.crt \\",
                "           --name worker-1 --zone b"})
public final class AgentCommand implements Callable<Integer> {
    @Option(names = "--server", required = true, paramLabel = "URL", description = "The server's API URL.")
    URI server;

    @Option(names = "--token", required = true, paramLabel = "TOKEN", description = "A bearer token the server accepts.")
    String token;

    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "The cluster CA (the server's DATA_DIR/pki/ca.crt); required for https servers.")
    Path caFile;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The node's name.")
    String name;

    @Option(names = "--zone", defaultValue = "default", paramLabel = "ZONE",
            description = "topology.kubernetes.io/zone (default: ${DEFAULT-VALUE}).")
    String zone;

    @Option(names = "--labels", split = ",", paramLabel = "K=V", description = "Extra node labels.")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The agent's state (default: ~/.wharf-agent/NAME).")
    Path dataDir;

    @Option(names = "--runtime", defaultValue = "auto", paramLabel = "DRIVER",
            description = "runc, process, fake or auto (default: ${DEFAULT-VALUE}).")
    String runtime;

    @Option(names = "--node-index", paramLabel = "1..250",
            description = "Picks this node's pod subnet 100.96.<i>.0/24 and bridge; unique per machine"
                    + " (default: derived from the name, 101..200).")
    Integer nodeIndex;

    @Option(names = "--gateway-port", paramLabel = "PORT", defaultValue = "0",
            description = "Serve Ingress traffic over HTTP on this host's --gateway-address:PORT (default: 0, none).")
    int gatewayPort;

    @Option(names = "--gateway-tls-port", paramLabel = "PORT", defaultValue = "0",
            description = "Serve Ingress traffic over HTTPS on --gateway-address:PORT (default: 0, none).")
    int gatewayTlsPort;

    @Option(names = "--gateway-address", paramLabel = "IP", defaultValue = "127.0.0.1",
            description = "The host address of the Ingress ports and node ports (default: ${DEFAULT-VALUE}).")
    String gatewayAddress;

    @Option(names = "--no-gateway", description = "Run no gateway and no cluster DNS on this host (another agent"
            + " on the same host does).")
    boolean noGateway;

    @Override
    public Integer call() throws Exception {
        boolean https = "https".equals(server.getScheme());
        if (https && (caFile == null || !Files.exists(caFile))) {
            System.err.println("wharf agent: --ca-file must name the cluster CA (the server's DATA_DIR/pki/ca.crt) for " + server);
            return 2;
        }
        Path dir = dataDir != null ? dataDir : dev.wharf.common.Homes.userHome().resolve(".wharf-agent").resolve(name);
        int index = nodeIndex != null ? nodeIndex : 101 + Math.floorMod(name.hashCode(), 100);
        Clock clock = Clock.system();
        HttpApiClient api = new HttpApiClient(https ? HttpApiClientConfig.trusting(server, token, caFile)
                : HttpApiClientConfig.plain(server, token));
        ContainerRuntime rt = RuntimeFactory.create(runtime, dir.resolve("runtime"), clock, index);
        RegistryOptions registry = new RegistryOptions(Set.of(), caFile, Duration.ofSeconds(30), Set.of());
        NodeImageStore images = new NodeImageStore(dir.resolve("images"), new RegistryClient(registry));
        HostGateway gateway = noGateway ? null : new HostGateway(() -> api,
                new GatewaySettings(gatewayAddress, gatewayPort, gatewayTlsPort, gatewayAddress,
                        HostGateway.canServeClusterIps(), GatewaySettings.CLASS, true),
                HostGateway.CLUSTER_DNS_IP, "cluster.local", clock, zone);
        if (gateway != null) {
            gateway.start();
        }
        NodeAgent agent = new NodeAgent(AgentConfig.builder(name, api, rt, images, dir)
                .zone(zone).labels(labels).podCidr("100.96." + index + ".0/24").clock(clock)
                .clusterDns(gateway != null && gateway.servesClusterIps() ? List.of(HostGateway.CLUSTER_DNS_IP) : List.of())
                .build());
        agent.start();
        agent.awaitReady(Duration.ofSeconds(30));
        System.err.printf("wharf agent %s (zone %s, runtime %s) joined %s%n", name, zone, rt.name(), server);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.stop();
            if (gateway != null) {
                try {
                    gateway.stop();
                } catch (Exception e) {
                    System.err.println("wharf agent: stopping the gateway: " + e.getMessage());
                }
            }
            stopped.countDown();
        }, "agent-shutdown"));
        stopped.await();
        return 0;
    }
}
