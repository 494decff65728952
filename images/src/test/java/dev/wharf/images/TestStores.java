package dev.wharf.images;

import dev.wharf.images.bootstrap.BootstrapImages;
import dev.wharf.images.registry.RegistryClient;
import dev.wharf.images.registry.RegistryOptions;
import dev.wharf.images.store.NodeImageStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

final class TestStores {
    private TestStores() {
    }

    static NodeImageStore store(Path dir) {
        return new NodeImageStore(dir, new RegistryClient(RegistryOptions.defaults()));
    }

    /**
     * Bootstrap options with the Debian tools (skipping when absent) and a java.base-only runtime for speed; jlink
     * outputs are kept in target/ so that only the first run of a build pays for jlink.
     */
    static BootstrapImages.Options options() {
        RealTools.require("/bin/busybox");
        RealTools.require("/usr/bin/tini-static");
        BootstrapImages.Options d = BootstrapImages.Options.defaults();
        return new BootstrapImages.Options(d.busybox(), d.tini(), d.jdkHome(), List.of("java.base"), List.of("java.base", "jdk.compiler"),
                Path.of("target/jlink-cache").toAbsolutePath());
    }

    static BootstrapImages bootstrap(Path dir, NodeImageStore store) throws IOException {
        return new BootstrapImages(dir, store, options());
    }

    /** Deletes a tree without following symlinks (JUnit's TempDir cleanup warns about every absolute symlink). */
    static void deleteTree(Path dir) throws IOException {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (var walk = java.nio.file.Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    java.nio.file.Files.delete(p);
                }
            }
        }
    }
}
