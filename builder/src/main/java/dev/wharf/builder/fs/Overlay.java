package dev.wharf.builder.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * overlayfs mounts for build steps. {@code userxattr} makes the kernel keep opaque-directory markers in
 * {@code user.overlay.opaque} (readable from Java) instead of {@code trusted.*}; deleted files become 0/0
 * character devices in the upper directory. Layer directories have short names ({@link LayerDirs}) so that
 * long layer chains stay within the one-page limit of mount options.
 */
public final class Overlay {
    private Overlay() {
    }

    /** A writable mount: {@code lowers} top first, changes go to {@code upper}. */
    public static void mount(List<Path> lowers, Path upper, Path work, Path target) throws IOException {
        Files.createDirectories(upper);
        Files.createDirectories(work);
        Files.createDirectories(target);
        String opts = "lowerdir=" + join(lowers) + ",upperdir=" + upper.toAbsolutePath() + ",workdir=" + work.toAbsolutePath()
                + ",userxattr";
        doMount(opts, target);
    }

    /** A read-only view of {@code lowers} (at least two: callers add the scaffold layer). */
    public static void mountReadOnly(List<Path> lowers, Path target) throws IOException {
        Files.createDirectories(target);
        doMount("lowerdir=" + join(lowers) + ",userxattr", target);
    }

    private static void doMount(String opts, Path target) throws IOException {
        if (opts.length() > 4000) {
            throw new IOException("too many layers for one overlay mount (" + opts.length() + " bytes of options)");
        }
        List<String> cmd = new ArrayList<>(List.of("mount", "-t", "overlay", "overlay", "-o", opts, target.toAbsolutePath().toString()));
        Exec.run(cmd);
    }

    public static void unmount(Path target) throws IOException {
        Exec.run(List.of("umount", target.toAbsolutePath().toString()));
    }

    /** Unmounts every mount below {@code dir} (deepest first): what a killed build left behind. */
    public static int unmountAllUnder(Path dir) throws IOException {
        Path mounts = Path.of("/proc/self/mounts");
        if (!Files.isReadable(mounts)) {
            return 0;
        }
        String prefix = dir.toAbsolutePath().normalize() + "/";
        List<String> targets = new ArrayList<>();
        for (String line : Files.readAllLines(mounts)) {
            String[] f = line.split(" ");
            if (f.length > 1) {
                String target = f[1].replace("\\040", " ");
                if (target.startsWith(prefix)) {
                    targets.add(target);
                }
            }
        }
        targets.sort(java.util.Comparator.comparingInt(String::length).reversed());
        for (String t : targets) {
            unmount(Path.of(t));
        }
        return targets.size();
    }

    private static String join(List<Path> lowers) {
        List<String> parts = new ArrayList<>();
        for (Path p : lowers) {
            parts.add(p.toAbsolutePath().toString());
        }
        return String.join(":", parts);
    }
}
