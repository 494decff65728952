package dev.wharf.agent;

import dev.wharf.agent.probe.ProbeRunner;
import dev.wharf.common.Clock;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.spi.image.ImageStore;
import dev.wharf.spi.runtime.ContainerRuntime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a {@link NodeAgent} needs. Build with {@link #builder}; only the node name, the API client, the
 * runtime, the image store and the data dir are required.
 *
 * @param labels            extra node labels ({@code --labels k=v,...}), added to the standard ones
 * @param capacity          overrides of the measured capacity by resource name ("cpu", "memory", "pods",
 *                          "ephemeral-storage"), as Kubernetes quantities
 * @param heartbeatPeriod   how often the node Lease is renewed (kubelet: 10 s; {@code wharf dev}: 1 s)
 * @param statusPeriod      how often the Ready condition's lastHeartbeatTime is refreshed
 * @param backoffBase       first crash-loop delay (kubelet: 10 s), doubled per restart up to {@code backoffMax}
 * @param relistPeriod      real-time period of the runtime relist that notices container exits (kubelet's PLEG)
 * @param probeRunner       how probes reach containers; null picks the default for the runtime
 * @param internalIp        the node's InternalIP address
 * @param clusterDns        cluster DNS server addresses written into pods' resolv.conf (kubelet's
 *                          {@code --cluster-dns}); empty: pods get the runtime's default resolv.conf
 * @param clusterDomain     the cluster DNS domain (kubelet's {@code --cluster-domain}), "cluster.local" by default
 */
public record AgentConfig(String nodeName, String zone, String region, Map<String, String> labels, Path dataDir,
                          String podCidr, ApiClient api, ContainerRuntime runtime, ImageStore images, Clock clock,
                          Duration heartbeatPeriod, Duration statusPeriod, Map<String, String> capacity,
                          Duration backoffBase, Duration backoffMax, Duration relistPeriod, ProbeRunner probeRunner,
                          String internalIp, List<String> clusterDns, String clusterDomain) {
    public AgentConfig {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(dataDir, "dataDir");
        labels = Map.copyOf(labels == null ? Map.of() : labels);
        capacity = Map.copyOf(capacity == null ? Map.of() : capacity);
        clock = clock == null ? Clock.system() : clock;
        zone = zone == null ? "" : zone;
        region = region == null ? "" : region;
        podCidr = podCidr == null ? "" : podCidr;
        internalIp = internalIp == null || internalIp.isEmpty() ? "127.0.0.1" : internalIp;
        clusterDns = List.copyOf(clusterDns == null ? List.of() : clusterDns);
        clusterDomain = clusterDomain == null || clusterDomain.isBlank() ? DEFAULT_CLUSTER_DOMAIN : clusterDomain;
    }

    /** As before cluster DNS existed: pods keep the runtime's default resolv.conf. */
    public AgentConfig(String nodeName, String zone, String region, Map<String, String> labels, Path dataDir,
                       String podCidr, ApiClient api, ContainerRuntime runtime, ImageStore images, Clock clock,
                       Duration heartbeatPeriod, Duration statusPeriod, Map<String, String> capacity,
                       Duration backoffBase, Duration backoffMax, Duration relistPeriod, ProbeRunner probeRunner,
                       String internalIp) {
        this(nodeName, zone, region, labels, dataDir, podCidr, api, runtime, images, clock, heartbeatPeriod,
                statusPeriod, capacity, backoffBase, backoffMax, relistPeriod, probeRunner, internalIp, List.of(),
                DEFAULT_CLUSTER_DOMAIN);
    }

    public static final String DEFAULT_CLUSTER_DOMAIN = "cluster.local";

    public static Builder builder(String nodeName, ApiClient api, ContainerRuntime runtime, ImageStore images, Path dataDir) {
        return new Builder(nodeName, api, runtime, images, dataDir);
    }

    /** Fluent construction with dev-friendly defaults (1 s heartbeats, 10 s .. 5 min back-off). */
    public static final class Builder {
        private final String nodeName;
        private final ApiClient api;
        private final ContainerRuntime runtime;
        private final ImageStore images;
        private final Path dataDir;
        private String zone = "";
        private String region = "";
        private final Map<String, String> labels = new LinkedHashMap<>();
        private String podCidr = "";
        private Clock clock = Clock.system();
        private Duration heartbeatPeriod = Duration.ofSeconds(1);
        private Duration statusPeriod = Duration.ofSeconds(10);
        private final Map<String, String> capacity = new LinkedHashMap<>();
        private Duration backoffBase = Duration.ofSeconds(10);
        private Duration backoffMax = Duration.ofMinutes(5);
        private Duration relistPeriod = Duration.ofMillis(200);
        private ProbeRunner probeRunner;
        private String internalIp = "127.0.0.1";
        private List<String> clusterDns = List.of();
        private String clusterDomain = DEFAULT_CLUSTER_DOMAIN;

        private Builder(String nodeName, ApiClient api, ContainerRuntime runtime, ImageStore images, Path dataDir) {
            this.nodeName = nodeName;
            this.api = api;
            this.runtime = runtime;
            this.images = images;
            this.dataDir = dataDir;
        }

        public Builder zone(String zone) {
            this.zone = zone;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder labels(Map<String, String> labels) {
            this.labels.putAll(labels);
            return this;
        }

        public Builder podCidr(String cidr) {
            this.podCidr = cidr;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder heartbeat(Duration lease, Duration status) {
            this.heartbeatPeriod = lease;
            this.statusPeriod = status;
            return this;
        }

        public Builder capacity(String resource, String quantity) {
            capacity.put(resource, quantity);
            return this;
        }

        public Builder backoff(Duration base, Duration max) {
            this.backoffBase = base;
            this.backoffMax = max;
            return this;
        }

        public Builder relistPeriod(Duration period) {
            this.relistPeriod = period;
            return this;
        }

        public Builder probeRunner(ProbeRunner runner) {
            this.probeRunner = runner;
            return this;
        }

        public Builder internalIp(String ip) {
            this.internalIp = ip;
            return this;
        }

        /** Cluster DNS server addresses for pods' resolv.conf; empty turns cluster DNS off. */
        public Builder clusterDns(List<String> servers) {
            this.clusterDns = List.copyOf(servers);
            return this;
        }

        public Builder clusterDomain(String domain) {
            this.clusterDomain = domain;
            return this;
        }

        public AgentConfig build() {
            return new AgentConfig(nodeName, zone, region, labels, dataDir, podCidr, api, runtime, images, clock,
                    heartbeatPeriod, statusPeriod, capacity, backoffBase, backoffMax, relistPeriod, probeRunner,
                    internalIp, clusterDns, clusterDomain);
        }
    }
}
