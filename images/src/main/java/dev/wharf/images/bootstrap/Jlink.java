package dev.wharf.images.bootstrap;

import dev.wharf.common.ChildProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs jlink of a local JDK into a cache directory keyed by the JDK's version and the module list, and finds
 * the host shared libraries (glibc) the result needs, since the busybox base has none.
 */
public final class Jlink {
    private Jlink() {
    }

    /** The JDK's full version ("25.0.3+9-LTS"), from its release file. */
    public static String version(Path jdkHome) throws IOException {
        for (String line : Files.readAllLines(jdkHome.resolve("release"))) {
            if (line.startsWith("JAVA_RUNTIME_VERSION=") || line.startsWith("JAVA_VERSION=")) {
                return line.substring(line.indexOf('=') + 1).replace("\"", "");
            }
        }
        throw new IOException("no JAVA_VERSION in " + jdkHome.resolve("release"));
    }

    /** Modules of {@code wanted} that the JDK has (jdk.crypto.ec, for example, is gone from newer JDKs). */
    public static List<String> available(Path jdkHome, List<String> wanted) throws IOException {
        String out = run(List.of(jdkHome.resolve("bin/java").toString(), "--list-modules"));
        Set<String> have = new LinkedHashSet<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                have.add(line.strip().replaceFirst("@.*$", ""));
            }
        }
        return wanted.stream().filter(have::contains).toList();
    }

    /**
     * jlink output for the modules, built once into {@code cacheDir} (reused when present). No {@code --compress}:
     * the layer is gzip'd anyway, compressing twice roughly doubled jlink's time here, and an uncompressed
     * modules file starts faster.
     */
    public static Path link(Path jdkHome, List<String> modules, Path cacheDir) throws IOException {
        if (Files.isRegularFile(cacheDir.resolve("release"))) {
            return cacheDir;
        }
        Path tmp = cacheDir.resolveSibling(cacheDir.getFileName() + ".tmp");
        deleteTree(tmp);
        Files.createDirectories(cacheDir.getParent());
        run(List.of(jdkHome.resolve("bin/jlink").toString(), "--add-modules", String.join(",", modules),
                "--strip-debug", "--no-header-files", "--no-man-pages", "--output", tmp.toString()));
        Files.move(tmp, cacheDir);
        return cacheDir;
    }

    /** Absolute paths of the host libraries (and the dynamic loader) the ELF files under {@code dir} link against. */
    public static Set<String> hostLibraries(Path dir) throws IOException {
        Set<String> libs = new java.util.TreeSet<>();
        List<Path> elves = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> Files.isRegularFile(p) && !Files.isSymbolicLink(p))
                    .filter(p -> p.toString().endsWith(".so") || p.getParent().getFileName().toString().equals("bin")
                            || p.getFileName().toString().equals("jspawnhelper"))
                    .forEach(elves::add);
        }
        for (Path elf : elves) {
            String out;
            try {
                out = run(List.of("ldd", elf.toString()));
            } catch (IOException e) {
                continue;
            }
            for (String line : out.split("\n")) {
                String l = line.strip();
                String path = l.contains("=>") ? l.substring(l.indexOf("=>") + 2).strip() : l;
                path = path.replaceFirst("\\s*\\(0x[0-9a-f]+\\)$", "").strip();
                if (path.startsWith("/") && !path.startsWith(dir.toString()) && Files.exists(Path.of(path))) {
                    libs.add(path);
                }
            }
        }
        return libs;
    }

    private static String run(List<String> cmd) throws IOException {
        return ChildProcesses.run(cmd, Duration.ofMinutes(10));
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
