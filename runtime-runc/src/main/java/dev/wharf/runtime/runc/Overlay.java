package dev.wharf.runtime.runc;

import dev.wharf.runtime.support.Cmd;
import dev.wharf.spi.runtime.ContainerRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Container root filesystems on overlayfs. Mount options are limited to one page, so lower layers are named
 * through a symlink farm {@code <root>/l/<12 hex>} (like Docker's) and the mount runs with {@code <root>} as its
 * working directory so every path in the options is short and relative.
 */
final class Overlay {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final Path root;

    Overlay(Path root) {
        this.root = root;
    }

    /** Mounts layers (lowest first) with upper/work dirs under {@code containerDir}; returns the mount point. */
    Path mount(List<Path> layers, Path containerDir) {
        try {
            Path links = Files.createDirectories(root.resolve("l"));
            List<String> lower = new ArrayList<>();
            for (Path layer : layers.reversed()) {
                String name = shortName(layer.toAbsolutePath().toString());
                Path link = links.resolve(name);
                if (!Files.isSymbolicLink(link)) {
                    try {
                        Files.createSymbolicLink(link, layer.toAbsolutePath());
                    } catch (java.nio.file.FileAlreadyExistsException e) {
                        // another container of the same image linked it at the same time
                    }
                }
                lower.add("l/" + name);
            }
            Path rootfs = Files.createDirectories(containerDir.resolve("rootfs"));
            Files.createDirectories(containerDir.resolve("upper"));
            Files.createDirectories(containerDir.resolve("work"));
            String rel = root.relativize(containerDir).toString();
            String options = "lowerdir=" + String.join(":", lower) + ",upperdir=" + rel + "/upper,workdir=" + rel + "/work";
            if (options.length() > 4000) {
                throw new ContainerRuntimeException("image has too many layers for one overlay mount (" + layers.size() + ")");
            }
            Cmd.Result r = Cmd.run(List.of("mount", "-t", "overlay", "overlay", "-o", options, rootfs.toString()), null, null, root, TIMEOUT);
            if (!r.ok()) {
                throw new ContainerRuntimeException("overlay mount failed: " + (r.out() + r.err()).strip());
            }
            return rootfs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unmounts if mounted; fine when it is not. */
    void unmount(Path containerDir) {
        Path rootfs = containerDir.resolve("rootfs");
        if (isMounted(rootfs)) {
            Cmd.Result r = Cmd.run(List.of("umount", rootfs.toString()), TIMEOUT);
            if (!r.ok()) {
                Cmd.run(List.of("umount", "-l", rootfs.toString()), TIMEOUT);
            }
        }
    }

    static boolean isMounted(Path path) {
        try {
            String target = " " + path.toAbsolutePath() + " ";
            return Files.readAllLines(Path.of("/proc/self/mounts")).stream().anyMatch(l -> l.contains(target));
        } catch (IOException e) {
            return false;
        }
    }

    private static String shortName(String path) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
