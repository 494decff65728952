package dev.wharf.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wharf.images.unpack.LayerUnpacker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacked layers mounted with overlayfs the way a runtime will: whiteouts and opaque dirs hide lower content. */
class OverlayWhiteoutTest {
    @TempDir
    Path tmp;

    @Test
    void overlayHonoursConvertedWhiteouts() throws Exception {
        assumeTrue(RealTools.isRoot(), "overlay mounts need root");
        Path lower = tmp.resolve("l1");
        Path upper = tmp.resolve("l2");
        LayerUnpacker u = new LayerUnpacker();
        u.unpack(new ByteArrayInputStream(new TestTars().file("a", "a").file("keep", "k").file("d/x", "x").file("d/y", "y").tar()), lower);
        LayerUnpacker.Result r = u.unpack(new ByteArrayInputStream(new TestTars().file(".wh.a", "").file("d/.wh..wh..opq", "")
                .file("d/z", "z").tar()), upper);
        Path merged = Files.createDirectories(tmp.resolve("m"));
        String options = "lowerdir=" + upper + ":" + lower + (r.trustedXattrs() ? "" : ",userxattr");
        assertThat(run("mount", "-t", "overlay", "overlay", "-o", options, merged.toString())).isZero();
        try {
            try (Stream<Path> s = Files.list(merged)) {
                assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("d", "keep");
            }
            try (Stream<Path> s = Files.list(merged.resolve("d"))) {
                assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("z");
            }
        } finally {
            run("umount", merged.toString());
        }
    }

    private static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(cmd)).inheritIO().start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
