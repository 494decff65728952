package dev.wharf.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.images.bootstrap.BootstrapImages;
import dev.wharf.images.store.NodeImageStore;
import dev.wharf.spi.image.Image;
import dev.wharf.spi.image.ImageRef;
import dev.wharf.spi.image.RootFs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapImagesTest {
    @TempDir
    Path tmp;

    @org.junit.jupiter.api.AfterEach
    void cleanUp() throws IOException {
        TestStores.deleteTree(tmp);
    }

    @Test
    void busyboxImageIsReproducibleAndRunsFromItsLayer() throws Exception {
        NodeImageStore a = TestStores.store(tmp.resolve("a"));
        Image first = TestStores.bootstrap(tmp.resolve("a"), a).busybox();
        NodeImageStore b = TestStores.store(tmp.resolve("b"));
        Image second = TestStores.bootstrap(tmp.resolve("b"), b).busybox();

        assertThat(second.manifestDigest()).isEqualTo(first.manifestDigest());
        assertThat(first.repoTags()).containsExactly("docker.io/library/busybox:latest");
        assertThat(first.config().cmd()).containsExactly("sh");
        RootFs rootfs = a.rootfs(ImageRef.parse("busybox"));
        assertThat(rootfs.layers()).hasSize(1);
        Path layer = rootfs.layers().get(0);
        assertThat(layer.resolve("bin/busybox")).isExecutable();
        assertThat(Files.readSymbolicLink(layer.resolve("bin/sh"))).hasToString("/bin/busybox");
        assertThat(layer.resolve("sbin/tini")).isExecutable();
        assertThat(layer.resolve("etc/passwd")).content().startsWith("root:x:0:0:");
        assertThat((Integer) Files.getAttribute(layer.resolve("tmp"), "unix:mode") & 07777).isEqualTo(01777);
        if (RealTools.isRoot()) {
            assertThat(run(List.of("chroot", layer.toString(), "/bin/sh", "-c", "busybox echo hello from $(echo busybox)")))
                    .isEqualTo("hello from busybox\n");
        }
    }

    @Test
    void jreImageIsAJlinkRuntimeOnTheBusyboxLayer() throws Exception {
        NodeImageStore store = TestStores.store(tmp);
        BootstrapImages boot = TestStores.bootstrap(tmp, store);
        Image busybox = boot.busybox();
        Image jre = boot.jre();

        assertThat(jre.layers()).hasSize(2).startsWith(busybox.layers().get(0));
        assertThat(jre.config().env()).contains("JAVA_HOME=/opt/java").anyMatch(e -> e.startsWith("PATH=/opt/java/bin:"));
        RootFs rootfs = store.rootfs(ImageRef.parse(BootstrapImages.JRE));
        Path javaLayer = rootfs.layers().get(1);
        assertThat(javaLayer.resolve("opt/java/bin/java")).isExecutable();
        assertThat(javaLayer.resolve("lib64/ld-linux-x86-64.so.2")).exists();
        // a second call is served from the cache: same image, no jlink
        assertThat(boot.jre().manifestDigest()).isEqualTo(jre.manifestDigest());
        if (RealTools.isRoot()) {
            // no /proc in a bare chroot, so the loader cannot expand $ORIGIN: point it at the libraries
            String out = run(List.of("chroot", javaLayer.toString(), "/opt/java/bin/java", "-XX:-UsePerfData", "-version"));
            assertThat(out).contains("Runtime Environment");
        }
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LD_LIBRARY_PATH", "/opt/java/lib");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
