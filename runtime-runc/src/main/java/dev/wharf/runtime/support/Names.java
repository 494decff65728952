package dev.wharf.runtime.support;

import dev.wharf.spi.runtime.ContainerSpec;
import java.nio.file.Files;
import java.nio.file.Path;

/** Ids and default paths shared by the drivers. */
public final class Names {
    private Names() {
    }

    /** First 8 characters of a pod uid, without dashes: short names for netns and ids. */
    public static String short8(String podUid) {
        String s = podUid.replace("-", "").toLowerCase(java.util.Locale.ROOT);
        return s.length() <= 8 ? s : s.substring(0, 8);
    }

    /** {@code <uid8>-<name>-<restart>}, with a numeric suffix when that directory already exists under {@code dir}. */
    public static String containerId(ContainerSpec spec, Path dir) {
        String base = short8(spec.podUid()) + "-" + spec.name().replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + spec.restartCount();
        String id = base;
        for (int i = 2; Files.exists(dir.resolve(id)); i++) {
            id = base + "." + i;
        }
        return id;
    }

    /** Kubelet's layout: {@code logs/<ns>_<pod>_<uid>/<container>/<restart>.log}. */
    public static Path defaultLog(Path root, ContainerSpec spec) {
        return root.resolve("logs").resolve(spec.namespace() + "_" + spec.podName() + "_" + spec.podUid())
                .resolve(spec.name()).resolve(spec.restartCount() + ".log");
    }
}
