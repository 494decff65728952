package dev.wharf.runtime.runc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;
import dev.wharf.runtime.support.Cmd;
import dev.wharf.spi.runtime.ContainerRuntimeException;
import dev.wharf.spi.runtime.PortMapping;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Pod networking through the CNI reference plugins, invoked as the CNI spec says (CNI_* environment, network
 * config on stdin, result on stdout): {@code bridge} + {@code host-local} give each named netns a veth on the
 * node's bridge and an address from the node subnet (gateway on the bridge, masquerade to the outside), and
 * {@code loopback} brings {@code lo} up.
 */
final class CniNetwork {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final RuncConfig config;
    private final Path ipamDir;

    CniNetwork(RuncConfig config, Path ipamDir) {
        this.config = config;
        this.ipamDir = ipamDir;
    }

    /** Attaches the netns, forwards the host ports, and returns the pod IP. */
    String add(String containerId, String netnsPath, List<PortMapping> ports) {
        JsonNode result = invoke("ADD", "bridge", bridgeConf(), containerId, netnsPath, "eth0");
        invoke("ADD", "loopback", loopbackConf(), containerId, netnsPath, "lo");
        if (!ports.isEmpty()) {
            ObjectNode conf = portmapConf(ports);
            conf.set("prevResult", result);
            invoke("ADD", "portmap", conf, containerId, netnsPath, "eth0");
        }
        JsonNode ips = result.path("ips");
        if (!ips.isArray() || ips.isEmpty()) {
            throw new ContainerRuntimeException("CNI bridge returned no IP: " + result);
        }
        String cidr = ips.get(0).path("address").asText();
        return cidr.substring(0, cidr.indexOf('/'));
    }

    /** Detaches the netns and releases its address; tolerant of a partly torn-down sandbox. */
    void del(String containerId, String netnsPath, List<PortMapping> ports) {
        if (!ports.isEmpty()) {
            invoke("DEL", "portmap", portmapConf(ports), containerId, netnsPath, "eth0");
            CniLeftovers.removeUnusedHostportChains();
        }
        invoke("DEL", "loopback", loopbackConf(), containerId, netnsPath, "lo");
        invoke("DEL", "bridge", bridgeConf(), containerId, netnsPath, "eth0");
        CniLeftovers.removeMasquerade(containerId);
    }

    private JsonNode invoke(String command, String plugin, ObjectNode conf, String containerId, String netns, String ifname) {
        Map<String, String> env = Map.of("CNI_COMMAND", command, "CNI_CONTAINERID", containerId, "CNI_NETNS", netns,
                "CNI_IFNAME", ifname, "CNI_PATH", config.cniBin().toString());
        Cmd.Result r = Cmd.run(List.of(config.cniBin().resolve(plugin).toString()), env,
                Json.string(conf).getBytes(StandardCharsets.UTF_8), null, TIMEOUT);
        if (!r.ok()) {
            if (command.equals("DEL")) {
                return Json.object();
            }
            throw new ContainerRuntimeException("CNI " + plugin + " " + command + " failed: " + (r.out() + r.err()).strip());
        }
        return r.out().isBlank() ? Json.object() : Json.parse(r.out());
    }

    private ObjectNode bridgeConf() {
        ObjectNode conf = Json.object().put("cniVersion", "1.0.0").put("name", "wharf-" + config.bridge())
                .put("type", "bridge").put("bridge", config.bridge()).put("isGateway", true).put("ipMasq", true)
                .put("hairpinMode", true);
        ObjectNode ipam = conf.putObject("ipam").put("type", "host-local").put("dataDir", ipamDir.toString());
        ipam.putArray("ranges").addArray().addObject().put("subnet", config.subnet());
        ipam.putArray("routes").addObject().put("dst", "0.0.0.0/0");
        return conf;
    }

    private ObjectNode portmapConf(List<PortMapping> ports) {
        ObjectNode conf = Json.object().put("cniVersion", "1.0.0").put("name", "wharf-" + config.bridge())
                .put("type", "portmap").put("snat", true);
        conf.putObject("capabilities").put("portMappings", true);
        var maps = conf.putObject("runtimeConfig").putArray("portMappings");
        for (PortMapping p : ports) {
            maps.addObject().put("hostPort", p.hostPort()).put("containerPort", p.containerPort())
                    .put("protocol", p.protocol() == null || p.protocol().isBlank() ? "tcp" : p.protocol().toLowerCase(java.util.Locale.ROOT));
        }
        return conf;
    }

    private static ObjectNode loopbackConf() {
        return Json.object().put("cniVersion", "1.0.0").put("name", "lo").put("type", "loopback");
    }
}
