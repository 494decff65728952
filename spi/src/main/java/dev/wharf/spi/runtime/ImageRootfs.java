package dev.wharf.spi.runtime;

import java.nio.file.Path;
import java.util.List;

/**
 * An image as the runtime receives it from the image store: unpacked layer directories (lowest first) and the
 * parts of the OCI image config a runtime needs. Lists are never null.
 */
public record ImageRootfs(List<Path> layers, List<String> entrypoint, List<String> cmd, List<String> env,
                          String workingDir, String user) {
    public ImageRootfs {
        layers = List.copyOf(layers);
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        env = env == null ? List.of() : List.copyOf(env);
        workingDir = workingDir == null ? "" : workingDir;
        user = user == null ? "" : user;
    }

    /** A single-layer image with no config (tests, bootstrap images). */
    public static ImageRootfs of(Path layer) {
        return new ImageRootfs(List.of(layer), List.of(), List.of(), List.of(), "", "");
    }
}
