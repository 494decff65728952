package dev.wharf.runtime.runc;

import dev.wharf.runtime.support.Cmd;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The CNI portmap plugin removes a pod's own chains on DEL but leaves its shared {@code CNI-HOSTPORT-*} chains and
 * the jumps to them behind. Once no pod forwards a port any more, remove them, so repeated runs leave no trace.
 */
final class PortmapChains {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String PREFIX = "CNI-HOSTPORT-";

    private PortmapChains() {
    }

    static synchronized void removeIfUnused() {
        Cmd.Result dnat = Cmd.run(List.of("iptables", "-w", "-t", "nat", "-S", PREFIX + "DNAT"), TIMEOUT);
        if (!dnat.ok() || dnat.out().lines().anyMatch(l -> l.startsWith("-A "))) {
            return;
        }
        Cmd.Result all = Cmd.run(List.of("iptables", "-w", "-t", "nat", "-S"), TIMEOUT);
        if (!all.ok()) {
            return;
        }
        List<String> chains = new ArrayList<>();
        for (String line : all.out().lines().toList()) {
            String[] f = line.split(" ");
            if (line.startsWith("-A ") && line.contains("-j " + PREFIX) && !f[1].startsWith(PREFIX)) {
                // iptables -S quotes comments the way a shell reads them back
                Cmd.run(List.of("sh", "-c", "iptables -w -t nat -D " + line.substring(3)), TIMEOUT);
            } else if (line.startsWith("-N " + PREFIX)) {
                chains.add(f[1]);
            }
        }
        for (String chain : chains) {
            Cmd.run(List.of("iptables", "-w", "-t", "nat", "-F", chain), TIMEOUT);
        }
        for (String chain : chains) {
            Cmd.run(List.of("iptables", "-w", "-t", "nat", "-X", chain), TIMEOUT);
        }
    }
}
