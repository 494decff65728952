package dev.wharf.spi.image;

import java.util.List;
import java.util.Map;

/**
 * The runtime part of an image config (OCI "config" object): what a runtime needs to start a container.
 * Lists and maps are never null (empty when absent); strings may be null.
 */
public record ImageConfig(List<String> entrypoint, List<String> cmd, List<String> env, String workingDir,
                          String user, Map<String, String> labels, String stopSignal, List<String> exposedPorts) {
    public ImageConfig {
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        env = env == null ? List.of() : List.copyOf(env);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        exposedPorts = exposedPorts == null ? List.of() : List.copyOf(exposedPorts);
    }

    public static ImageConfig empty() {
        return new ImageConfig(null, null, null, null, null, null, null, null);
    }
}
