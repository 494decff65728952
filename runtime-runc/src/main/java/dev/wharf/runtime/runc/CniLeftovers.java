package dev.wharf.runtime.runc;

import dev.wharf.runtime.support.Cmd;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * iptables state the CNI plugins leave behind. portmap removes a pod's own chains on DEL but leaves its shared
 * {@code CNI-HOSTPORT-*} chains and the jumps to them; bridge's DEL cannot remove a pod's masquerade chain when the
 * netns is already gone (it reads the addresses from inside it). Both are removed here, so repeated runs on the
 * same machine leave no trace.
 */
final class CniLeftovers {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String PREFIX = "CNI-HOSTPORT-";

    private CniLeftovers() {
    }

    /** Removes the {@code ipMasq} rule and chain the bridge plugin made for this CNI container id, if still there. */
    static synchronized void removeMasquerade(String containerId) {
        Cmd.Result post = Cmd.run(List.of("iptables", "-w", "-t", "nat", "-S", "POSTROUTING"), TIMEOUT);
        if (!post.ok()) {
            return;
        }
        String marker = "id: \\\"" + containerId + "\\\"";
        for (String line : post.out().lines().toList()) {
            if (line.startsWith("-A POSTROUTING") && line.contains(marker)) {
                Cmd.run(List.of("sh", "-c", "iptables -w -t nat -D " + line.substring(3)), TIMEOUT);
                int j = line.lastIndexOf("-j ");
                String chain = line.substring(j + 3).trim();
                if (chain.startsWith("CNI-")) {
                    Cmd.run(List.of("iptables", "-w", "-t", "nat", "-F", chain), TIMEOUT);
                    Cmd.run(List.of("iptables", "-w", "-t", "nat", "-X", chain), TIMEOUT);
                }
            }
        }
    }

    static synchronized void removeUnusedHostportChains() {
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
