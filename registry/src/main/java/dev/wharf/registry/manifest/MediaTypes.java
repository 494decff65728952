package dev.wharf.registry.manifest;

import java.util.Set;

/** The manifest media types the registry accepts and serves. */
public final class MediaTypes {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";

    public static final Set<String> MANIFESTS = Set.of(OCI_MANIFEST, DOCKER_MANIFEST);
    public static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_LIST);

    private MediaTypes() {
    }

    public static boolean supported(String type) {
        return MANIFESTS.contains(type) || INDEXES.contains(type);
    }

    public static boolean isIndex(String type) {
        return INDEXES.contains(type);
    }

    /** The bare type of a Content-Type header value (parameters dropped). */
    public static String bare(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase();
    }
}
