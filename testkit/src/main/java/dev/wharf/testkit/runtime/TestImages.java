package dev.wharf.testkit.runtime;

import dev.wharf.spi.runtime.ImageRootfs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds a one-layer busybox image from the host's static busybox ({@code /bin/busybox}): {@code bin/busybox}
 * with a relative symlink per applet, the usual empty mount points, and {@code www/index.html} saying
 * {@value #INDEX_TEXT} for HTTP tests.
 */
public final class TestImages {
    public static final Path HOST_BUSYBOX = Path.of("/bin/busybox");
    public static final String INDEX_TEXT = "hello from wharf";

    private TestImages() {
    }

    public static boolean busyboxAvailable() {
        return Files.isExecutable(HOST_BUSYBOX);
    }

    /** Creates the layer under {@code dir} (once; later calls reuse it). */
    public static ImageRootfs busybox(Path dir) {
        try {
            Path layer = dir.resolve("busybox-layer");
            if (!Files.exists(layer.resolve("bin/busybox"))) {
                Path bin = Files.createDirectories(layer.resolve("bin"));
                Files.copy(HOST_BUSYBOX, bin.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
                for (String applet : applets()) {
                    Path link = bin.resolve(applet);
                    if (!applet.equals("busybox") && !applet.contains("/") && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, Path.of("busybox"));
                    }
                }
                for (String d : List.of("proc", "sys", "dev", "etc", "tmp", "root", "www", "usr/bin")) {
                    Files.createDirectories(layer.resolve(d));
                }
                Files.writeString(layer.resolve("www/index.html"), INDEX_TEXT + "\n");
                Files.writeString(layer.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
                Files.writeString(layer.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
            }
            return new ImageRootfs(List.of(layer), List.of(), List.of("sh"), List.of("PATH=/usr/bin:/bin"), "/", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> applets() throws IOException {
        Process p = new ProcessBuilder(HOST_BUSYBOX.toString(), "--list").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
