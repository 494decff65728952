package dev.wharf.builder.build;

import dev.wharf.images.blob.BlobStore;
import dev.wharf.images.bootstrap.ImageAssembler;
import dev.wharf.images.bootstrap.LayerBuilder;
import dev.wharf.images.oci.Manifest;
import dev.wharf.spi.image.ImageConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** A small busybox base image assembled from the host's static /bin/busybox, for build tests. */
final class BusyboxImage {
    private BusyboxImage() {
    }

    static Manifest assemble(BlobStore blobs) throws IOException, InterruptedException {
        LayerBuilder layer = new LayerBuilder().file("bin/busybox", Path.of("/bin/busybox"), 0755);
        Process p = new ProcessBuilder("/bin/busybox", "--list-full").start();
        String list = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        for (String applet : list.split("\n")) {
            if (!applet.isBlank() && !applet.equals("bin/busybox")) {
                String a = applet.strip();
                layer.symlink(a, "../".repeat((int) a.chars().filter(ch -> ch == '/').count()) + "bin/busybox");
            }
        }
        layer.file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n", 0644)
                .file("etc/group", "root:x:0:\napp:x:1000:\n", 0644)
                .file("etc/old.conf", "to be deleted\n", 0644)
                .file("data/a", "lower\n", 0644)
                .dir("tmp", 01777)
                .dir("root", 0700);
        LayerBuilder.Built built = layer.build(blobs);
        ImageConfig cfg = new ImageConfig(null, List.of("sh"), List.of("PATH=/usr/sbin:/usr/bin:/sbin:/bin"), null, null,
                null, null, null);
        return ImageAssembler.assemble(blobs, List.of(built), cfg, List.of("busybox from the host"));
    }
}
