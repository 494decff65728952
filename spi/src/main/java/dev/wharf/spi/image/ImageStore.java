package dev.wharf.spi.image;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A node's images: pulled or imported once, unpacked once per layer, shared by every pod on the node.
 * Implementations are thread-safe; concurrent pulls of the same image fetch it once.
 */
public interface ImageStore {

    /**
     * Makes the image present according to {@code policy} and returns it.
     *
     * @param credentials candidates (e.g. from imagePullSecrets); the one matching the registry is used
     * @throws ImagePullException with the registry's error in the message
     */
    Image pull(ImageRef ref, PullPolicy policy, List<RegistryCredentials> credentials, PullListener listener);

    /** The local image a reference resolves to (by tag, or by manifest digest / image id). */
    Optional<Image> get(ImageRef ref);

    List<Image> list();

    /** Removes a tag (or, for a digest reference, the image and all its tags). Layers go at the next gc. */
    boolean remove(ImageRef ref);

    /** Unpacked layer directories, lowest first, and the config. */
    RootFs rootfs(ImageRef ref);

    /** Imports an OCI layout (directory or tar) or a docker-archive tar ({@code docker save}); returns what it added. */
    List<Image> importArchive(Path file);

    /**
     * Removes images not in use, then layers and blobs no remaining image references.
     *
     * @param inUse image ids, manifest digests or references (any form {@link ImageRef#parse} accepts) in use
     */
    GcResult gc(Set<String> inUse);

    /** What a gc removed. */
    record GcResult(List<String> removedImages, int removedLayers, long freedBytes) { }
}
