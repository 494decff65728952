package dev.wharf.builder.build;

import dev.wharf.images.oci.Descriptor;

/** An image layer: its (compressed) blob and the digest of its uncompressed tar. */
public record Layer(Descriptor descriptor, String diffId) { }
