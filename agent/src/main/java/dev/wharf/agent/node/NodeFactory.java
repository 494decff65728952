package dev.wharf.agent.node;

import dev.wharf.agent.AgentConfig;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.NodeSystemInfoBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the Node object an agent registers: labels, capacity, addresses, nodeInfo, conditions. */
public final class NodeFactory {
    public static final String KUBELET_VERSION = "v1.32.0-wharf";
    public static final int MAX_PODS = 110;

    private NodeFactory() {
    }

    /** The standard labels plus the configured ones (which win). */
    public static Map<String, String> labels(AgentConfig c) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("kubernetes.io/hostname", c.nodeName());
        l.put("kubernetes.io/os", "linux");
        l.put("kubernetes.io/arch", "amd64");
        l.put("beta.kubernetes.io/os", "linux");
        l.put("beta.kubernetes.io/arch", "amd64");
        if (!c.zone().isEmpty()) {
            l.put(dev.wharf.api.resource.WellKnownLabels.ZONE, c.zone());
        }
        if (!c.region().isEmpty()) {
            l.put("topology.kubernetes.io/region", c.region());
        }
        l.putAll(c.labels());
        return l;
    }

    /** Measured capacity with the configured overrides applied. */
    public static Map<String, Quantity> capacity(AgentConfig c) {
        Map<String, Quantity> cap = new LinkedHashMap<>();
        cap.put("cpu", new Quantity(Integer.toString(Runtime.getRuntime().availableProcessors())));
        cap.put("memory", new Quantity((totalMemory() / 1024) + "Ki"));
        cap.put("pods", new Quantity(Integer.toString(MAX_PODS)));
        cap.put("ephemeral-storage", new Quantity((diskBytes(c.dataDir()) / 1024) + "Ki"));
        c.capacity().forEach((k, v) -> cap.put(k, new Quantity(v)));
        return cap;
    }

    public static Node build(AgentConfig c, List<NodeCondition> conditions) {
        Map<String, Quantity> cap = capacity(c);
        List<NodeAddress> addresses = new ArrayList<>();
        addresses.add(new NodeAddress(c.internalIp(), "InternalIP"));
        addresses.add(new NodeAddress(c.nodeName(), "Hostname"));
        NodeBuilder b = new NodeBuilder()
                .withNewMetadata().withName(c.nodeName()).withLabels(labels(c))
                .addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
                .addToAnnotations("wharf.dev/runtime", c.runtime().name())
                .endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus()
                .withCapacity(cap).withAllocatable(new LinkedHashMap<>(cap))
                .withAddresses(addresses)
                .withNodeInfo(nodeInfo(c))
                .withConditions(conditions)
                .withImages(images(c))
                .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(10250).endKubeletEndpoint().endDaemonEndpoints()
                .endStatus();
        if (!c.podCidr().isEmpty()) {
            b.editSpec().withPodCIDR(c.podCidr()).withPodCIDRs(c.podCidr()).endSpec();
        }
        return b.build();
    }

    /** The node's images for the scheduler's ImageLocality (kubelet reports at most 50, biggest first). */
    public static List<io.fabric8.kubernetes.api.model.ContainerImage> images(AgentConfig c) {
        List<io.fabric8.kubernetes.api.model.ContainerImage> out = new ArrayList<>();
        try {
            c.images().list().stream().sorted(java.util.Comparator.comparingLong(dev.wharf.spi.image.Image::size).reversed())
                    .limit(50).forEach(img -> {
                        List<String> names = new ArrayList<>(img.repoDigests());
                        names.addAll(img.repoTags());
                        out.add(new io.fabric8.kubernetes.api.model.ContainerImage(names, img.size()));
                    });
        } catch (RuntimeException e) {
            // an image store that cannot list: report none
        }
        return out;
    }

    static NodeSystemInfo nodeInfo(AgentConfig c) {
        String driver = c.runtime().name();
        String runtimeVersion = switch (driver) {
            case "runc" -> "runc://1.1.5";
            default -> driver + "://";
        };
        return new NodeSystemInfoBuilder()
                .withKubeletVersion(KUBELET_VERSION).withKubeProxyVersion(KUBELET_VERSION)
                .withContainerRuntimeVersion(runtimeVersion)
                .withOsImage(osImage()).withKernelVersion(System.getProperty("os.version", ""))
                .withOperatingSystem("linux").withArchitecture("amd64")
                .withMachineID(c.nodeName()).withSystemUUID(c.nodeName()).withBootID("")
                .build();
    }

    static String osImage() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring(12).replace("\"", "");
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or unreadable: fall through
        }
        return System.getProperty("os.name", "linux");
    }

    private static long totalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }

    private static long diskBytes(Path dir) {
        try {
            Path p = dir.toAbsolutePath();
            while (p != null && !Files.exists(p)) {
                p = p.getParent();
            }
            return p == null ? 0 : Files.getFileStore(p).getTotalSpace();
        } catch (IOException e) {
            return 0;
        }
    }
}
