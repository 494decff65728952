package dev.wharf.builder.build;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A base image whose config and layer blobs are in the builder's blob store.
 *
 * @param reference what FROM asked for
 * @param digest the manifest digest it resolved to (the start of the stage's cache chain)
 * @param config the full image config JSON (architecture, os, config, rootfs, history)
 */
public record BaseImage(String reference, String digest, ObjectNode config, List<Layer> layers) {
    public BaseImage {
        layers = List.copyOf(layers);
    }
}
