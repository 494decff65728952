package dev.wharf.registry.http;

import dev.wharf.registry.RegistryConfig;
import dev.wharf.registry.auth.AccessControl;
import dev.wharf.registry.storage.BlobStore;
import dev.wharf.registry.storage.Digest;
import dev.wharf.registry.storage.RepositoryIndex;
import dev.wharf.registry.storage.Uploads;

/** The stores and settings every endpoint works on. */
public record RegistryContext(RegistryConfig config, BlobStore blobs, RepositoryIndex repos, Uploads uploads,
                              AccessControl access) {

    static Digest digest(String text) throws RegistryException {
        try {
            return Digest.parse(text);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, e.getMessage());
        }
    }

    void requireRepository(String name) throws RegistryException {
        if (!repos.exists(name)) {
            throw new RegistryException(ErrorCode.NAME_UNKNOWN, "repository " + name + " not known to registry");
        }
    }
}
