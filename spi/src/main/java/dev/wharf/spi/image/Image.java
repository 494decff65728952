package dev.wharf.spi.image;

import java.util.List;

/**
 * An image present in a node's store.
 *
 * @param id the config digest ("sha256:..."), Docker's image id
 * @param manifestDigest the digest of the (platform) manifest, what {@code name@digest} pins
 * @param repoTags canonical references tagged to it ("docker.io/library/busybox:latest")
 * @param repoDigests canonical name@digest references ("docker.io/library/busybox@sha256:...")
 * @param size compressed size of the layers plus config, as registries report it
 * @param layers layer blob digests, lowest first
 */
public record Image(String id, String manifestDigest, List<String> repoTags, List<String> repoDigests, long size,
                    ImageConfig config, List<String> layers) {
    public Image {
        repoTags = List.copyOf(repoTags);
        repoDigests = List.copyOf(repoDigests);
        layers = List.copyOf(layers);
    }
}
