package dev.wharf.registry.manifest;

import dev.wharf.registry.storage.Digest;

/** A reference from a manifest to a blob or another manifest. */
public record Descriptor(String mediaType, Digest digest, long size) {
}
