package dev.wharf.runtime;

import dev.wharf.common.Clock;
import dev.wharf.runtime.fake.FakeRuntime;
import dev.wharf.runtime.process.ProcessRuntime;
import dev.wharf.runtime.runc.RuncConfig;
import dev.wharf.runtime.runc.RuncRuntime;
import dev.wharf.spi.runtime.ContainerRuntime;
import java.nio.file.Path;

/**
 * Picks a node's driver: {@code runc} where runc, conmon and the CNI plugins are installed and we are root,
 * else {@code process}; {@code fake} only when asked. Node {@code n} (1..250) gets bridge {@code wharf<n>} with
 * subnet {@code 100.96.<n>.0/24} (runc), or loopback addresses {@code 127.<n>.x.y} (process).
 */
public final class RuntimeFactory {
    private RuntimeFactory() {
    }

    /** @param driver {@code auto}, {@code runc}, {@code process} or {@code fake} */
    public static ContainerRuntime create(String driver, Path root, Clock clock, int node) {
        if (node < 1 || node > 250) {
            throw new IllegalArgumentException("node index must be 1..250: " + node);
        }
        RuncConfig runc = RuncConfig.forNode(node);
        return switch (driver) {
            case "auto" -> runc.usable() ? new RuncRuntime(root, clock, runc) : new ProcessRuntime(root, clock, node);
            case "runc" -> {
                if (!runc.usable()) {
                    throw new IllegalStateException("runtime runc needs root and runc, conmon and CNI plugins installed");
                }
                yield new RuncRuntime(root, clock, runc);
            }
            case "process" -> new ProcessRuntime(root, clock, node);
            case "fake" -> new FakeRuntime(root, clock);
            default -> throw new IllegalArgumentException("unknown runtime '" + driver + "': use auto, runc, process or fake");
        };
    }
}
