package dev.wharf.images;

import dev.wharf.images.blob.BlobStore;
import dev.wharf.images.bootstrap.ImageAssembler;
import dev.wharf.images.bootstrap.LayerBuilder;
import dev.wharf.images.oci.Manifest;
import dev.wharf.spi.image.ImageConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Small images built in a blob store: a shared base layer plus one layer per name. */
final class TinyImages {
    private TinyImages() {
    }

    static LayerBuilder.Built base(BlobStore blobs) throws IOException {
        return new LayerBuilder().file("etc/os-release", "ID=tiny\n", 0644).dir("tmp", 01777).build(blobs);
    }

    static Manifest image(BlobStore blobs, String name) throws IOException {
        List<LayerBuilder.Built> layers = new ArrayList<>();
        layers.add(base(blobs));
        layers.add(new LayerBuilder().file("app/" + name + ".txt", "hello " + name + "\n", 0644)
                .symlink("app/current", "/app/" + name + ".txt").build(blobs));
        ImageConfig cfg = new ImageConfig(List.of("/bin/sh"), List.of("-c", "cat /app/current"), List.of("NAME=" + name),
                "/app", "1000:1000", null, null, null);
        return ImageAssembler.assemble(blobs, layers, cfg, List.of("tiny " + name));
    }
}
