package dev.wharf.gateway.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * One resource record of the cluster zone, independent of any wire codec: an owner name (lower case, no trailing
 * dot) and its data.
 */
public record Rr(String name, Data data) {
    public Rr {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
    }

    /** The record's data; its kind decides the DNS type. */
    public sealed interface Data permits Address, Cname, Srv, Ptr {
    }

    /** A (IPv4) or AAAA (IPv6) record. */
    public record Address(InetAddress address) implements Data {
        public boolean v4() {
            return address instanceof Inet4Address;
        }
    }

    /** CNAME to {@code target} (no trailing dot). */
    public record Cname(String target) implements Data {
    }

    /** SRV record (RFC 2782). */
    public record Srv(int priority, int weight, int port, String target) implements Data {
    }

    /** PTR record (reverse lookup) to {@code target}. */
    public record Ptr(String target) implements Data {
    }
}
