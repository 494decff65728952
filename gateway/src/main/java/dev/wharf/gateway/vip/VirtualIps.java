package dev.wharf.gateway.vip;

import java.util.Set;

/**
 * Makes service virtual IPs local addresses of this host, so the gateway can bind them and traffic to them from
 * pods (routed to the host by their default route) and from the host itself is delivered to the gateway.
 */
public interface VirtualIps extends AutoCloseable {
    /** Adds the addresses in {@code ips} that are missing and removes the others that this instance added. */
    void sync(Set<String> ips);

    /** Whether the addresses really become local (false: cluster IPs are not served on this host). */
    boolean active();

    @Override
    void close();

    /** For hosts where Wharf may not change interfaces (not root, process runtime). */
    VirtualIps NONE = new VirtualIps() {
        @Override
        public void sync(Set<String> ips) {
        }

        @Override
        public boolean active() {
            return false;
        }

        @Override
        public void close() {
        }
    };
}
