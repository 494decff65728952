package dev.wharf.controllers.servicelb;

import dev.wharf.common.Ipv4;
import java.util.Set;

/**
 * An IPv4 range ("127.0.100.0/24") that LoadBalancer Services get their addresses from: every address of the
 * range but the network and broadcast ones (for /31 and /32, every address). Immutable; free addresses are
 * computed from the set in use, handed in by the caller.
 */
public record AddressPool(String cidr, long first, long last) {
    public static final String DEFAULT = "127.0.100.0/24";

    public static AddressPool parse(String cidr) {
        String[] parts = cidr.trim().split("/");
        int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : 32;
        long base = Ipv4.toLong(parts[0]);
        if (base < 0 || bits < 8 || bits > 32) {
            throw new IllegalArgumentException("not an IPv4 range from /8 to /32: " + cidr);
        }
        long size = 1L << (32 - bits);
        long network = base & ~(size - 1) & 0xFFFFFFFFL;
        return size <= 2 ? new AddressPool(cidr, network, network + size - 1)
                : new AddressPool(cidr, network + 1, network + size - 2);
    }

    public boolean contains(String ip) {
        long v = Ipv4.toLong(ip);
        return v >= first && v <= last;
    }

    /** The lowest address of the pool not in {@code used}, or null when the pool is exhausted. */
    public String firstFree(Set<String> used) {
        for (long v = first; v <= last; v++) {
            String ip = Ipv4.toString(v);
            if (!used.contains(ip)) {
                return ip;
            }
        }
        return null;
    }
}
