package dev.wharf.runtime.process;

import dev.wharf.spi.runtime.ImageRootfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds image paths in the layer directories, top-most layer first: how the process driver "uses" a rootfs. */
final class LayerResolver {
    static final List<String> DEFAULT_PATH = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private final List<Path> topFirst;

    LayerResolver(ImageRootfs image) {
        List<Path> layers = new ArrayList<>(image.layers());
        java.util.Collections.reverse(layers);
        this.topFirst = List.copyOf(layers);
    }

    /** The host path of an executable named like argv[0], searched along the image PATH; else the name itself. */
    String executable(String name, List<String> imagePath) {
        if (name.contains("/")) {
            for (Path layer : topFirst) {
                Path p = inLayer(layer, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
            return name;
        }
        for (String dir : imagePath) {
            for (Path layer : topFirst) {
                Path p = inLayer(layer, dir).resolve(name);
                if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                    return p.toString();
                }
            }
        }
        return name;
    }

    /** The working directory: the image path inside the top-most layer that has it, else the top layer itself. */
    Path workingDir(String dir) {
        for (Path layer : topFirst) {
            Path p = inLayer(layer, dir);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return topFirst.isEmpty() ? Path.of("/") : topFirst.get(0);
    }

    /** PATH for the process: every image PATH entry inside every layer, then the host's own entries. */
    String hostPath(List<String> imagePath) {
        List<String> parts = new ArrayList<>();
        for (Path layer : topFirst) {
            for (String dir : imagePath) {
                Path p = inLayer(layer, dir);
                if (Files.isDirectory(p)) {
                    parts.add(p.toString());
                }
            }
        }
        parts.addAll(DEFAULT_PATH);
        return String.join(":", parts);
    }

    private static Path inLayer(Path layer, String imagePath) {
        String rel = imagePath.replaceFirst("^/+", "");
        return rel.isEmpty() ? layer : layer.resolve(rel);
    }
}
