package dev.wharf.builder.build;

import dev.wharf.images.oci.Manifest;
import java.util.List;

/** A built image: its manifest (whose blobs are in the builder's blob store) and any warnings. */
public record BuildResult(Manifest manifest, List<String> warnings) {
    public String digest() {
        return manifest.digest();
    }
}
