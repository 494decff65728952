package dev.wharf.spi.image;

/** One step of a pull, in the order they happen. */
public sealed interface PullEvent {
    /** The registry is being asked for the manifest. */
    record Resolving(ImageRef ref) implements PullEvent { }

    /** The manifest is known: how many layers and bytes will be fetched (already cached ones included). */
    record Resolved(ImageRef ref, String manifestDigest, int layers, long totalBytes) implements PullEvent { }

    /** Bytes of one blob received so far (sent at most every few hundred KiB and at the end). */
    record BlobProgress(String digest, long received, long total) implements PullEvent { }

    /** A blob was already in the cache and was not fetched. */
    record BlobCached(String digest, long size) implements PullEvent { }

    /** The image is stored and unpacked. */
    record Done(Image image, boolean fromCache, long bytesFetched) implements PullEvent { }
}
