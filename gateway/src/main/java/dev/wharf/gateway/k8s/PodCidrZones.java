package dev.wharf.gateway.k8s;

import io.fabric8.kubernetes.api.model.Node;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The zone of a client address: the zone label of the node whose pod CIDR holds it (pods' source addresses are
 * not rewritten on their way to the gateway). Anything else (the host, external clients) has no zone: "".
 */
public final class PodCidrZones {
    public static final String ZONE_LABEL = dev.wharf.api.resource.WellKnownLabels.ZONE;

    private volatile List<Range> ranges = List.of();

    private record Range(int base, int mask, String zone) {
    }

    public String zoneOf(InetAddress client) {
        if (!(client instanceof Inet4Address)) {
            return "";
        }
        int addr = toInt(client.getAddress());
        for (Range r : ranges) {
            if ((addr & r.mask()) == r.base()) {
                return r.zone();
            }
        }
        return "";
    }

    /** Takes the nodes' pod CIDRs and zones (called after each rebuild of the gateway's view). */
    public void update(Collection<Node> nodes) {
        List<Range> ranges = new ArrayList<>();
        for (Node n : nodes) {
            String cidr = n.getSpec() == null ? null : n.getSpec().getPodCIDR();
            Map<String, String> labels = n.getMetadata().getLabels();
            String zone = labels == null ? null : labels.get(ZONE_LABEL);
            if (cidr == null || zone == null || !cidr.contains("/")) {
                continue;
            }
            try {
                String[] parts = cidr.split("/");
                int bits = Integer.parseInt(parts[1]);
                int mask = bits == 0 ? 0 : -1 << (32 - bits);
                ranges.add(new Range(toInt(InetAddress.getByName(parts[0]).getAddress()) & mask, mask, zone));
            } catch (Exception e) {
                // a node with a malformed podCIDR contributes no range
            }
        }
        this.ranges = List.copyOf(ranges);
    }

    private static int toInt(byte[] b) {
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }
}
