package dev.wharf.runtime.runc;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Settings of the runc driver on one node.
 *
 * @param bridge  name of this node's Linux bridge (at most 15 characters), e.g. {@code wharf1}
 * @param subnet  this node's pod subnet, e.g. {@code 100.96.1.0/24}; the bridge holds its first address
 * @param useInit put tini in as PID 1 so that SIGTERM reaches commands that do not handle it
 */
public record RuncConfig(String bridge, String subnet, Path runc, Path conmon, Path cniBin, Path tini, boolean useInit) {
    public RuncConfig {
        if (bridge.length() > 15) {
            throw new IllegalArgumentException("bridge name longer than 15 characters: " + bridge);
        }
        if (!subnet.matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+")) {
            throw new IllegalArgumentException("subnet must be an IPv4 CIDR: " + subnet);
        }
    }

    /** Debian's paths; node {@code n} gets bridge {@code wharf<n>} and subnet {@code 100.96.<n>.0/24}. */
    public static RuncConfig forNode(int n) {
        return new RuncConfig("wharf" + n, "100.96." + n + ".0/24", Path.of("/usr/sbin/runc"), Path.of("/usr/bin/conmon"),
                Path.of("/usr/lib/cni"), Path.of("/usr/bin/tini-static"), true);
    }

    /** Whether this machine can run the driver: runc, conmon and the CNI plugins present, and we are root. */
    public boolean usable() {
        return Files.isExecutable(runc) && Files.isExecutable(conmon) && Files.isExecutable(cniBin.resolve("bridge"))
                && "root".equals(System.getProperty("user.name"));
    }
}
