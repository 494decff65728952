package dev.wharf.gateway.k8s;

import dev.wharf.common.Ipv4;
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

    private record Range(long base, long mask, String zone) {
    }

    public String zoneOf(InetAddress client) {
        if (!(client instanceof Inet4Address)) {
            return "";
        }
        long addr = Ipv4.toLong(client.getAddress());
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
            String[] parts = cidr.split("/");
            long base = Ipv4.toLong(parts[0]);
            int bits = parts[1].matches("\\d{1,2}") ? Integer.parseInt(parts[1]) : -1;
            if (base >= 0 && bits >= 0 && bits <= 32) { // a malformed podCIDR contributes no range
                long mask = Ipv4.mask(bits);
                ranges.add(new Range(base & mask, mask, zone));
            }
        }
        this.ranges = List.copyOf(ranges);
    }
}
