package dev.wharf.builder.build;

import dev.wharf.images.bootstrap.ImageAssembler;
import dev.wharf.images.blob.BlobStore;
import dev.wharf.images.oci.Manifest;
import dev.wharf.images.registry.RegistryClient;
import dev.wharf.spi.image.ImageRef;
import dev.wharf.spi.image.RegistryCredentials;
import java.io.IOException;
import java.nio.file.Path;

/** Where a built image goes: an OCI image layout on disk, and a registry push. */
public final class ImagePublisher {
    private final BlobStore blobs;
    private final BuildProgress progress;

    public ImagePublisher(BlobStore blobs, BuildProgress progress) {
        this.blobs = blobs;
        this.progress = progress;
    }

    /** Writes an OCI layout at {@code dir} with the image tagged {@code ref}'s tag (skopeo: {@code oci:DIR:TAG}). */
    public void writeLayout(Manifest m, ImageRef ref, Path dir) throws IOException {
        ImageAssembler.writeLayout(dir, m, blobs, ref.tag() == null ? "latest" : ref.tag(), ref.toString());
        progress.info("wrote OCI layout " + dir);
    }

    /** Pushes the image (blobs the registry has are skipped) and returns the manifest digest. */
    public String push(Manifest m, ImageRef ref, RegistryClient client, RegistryCredentials creds) {
        progress.info("pushing " + ref + " (" + m.layers().size() + " layers, " + m.totalSize() + " bytes)");
        for (var d : m.layers()) {
            progress.info("  layer " + d.digest().substring(0, 19) + " " + d.size() + " bytes");
        }
        progress.info("  config " + m.config().digest().substring(0, 19) + " " + m.config().size() + " bytes");
        String digest = client.push(m, blobs, ref, creds);
        progress.info("pushed " + ref.name() + "@" + digest);
        return digest;
    }
}
