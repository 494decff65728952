package dev.wharf.spi.runtime;

import java.nio.file.Path;

/** A bind mount of a host path (file or directory) into a container. */
public record Mount(Path hostPath, String containerPath, boolean readOnly) {
    public Mount {
        if (!containerPath.startsWith("/")) {
            throw new IllegalArgumentException("containerPath must be absolute: " + containerPath);
        }
    }
}
