package dev.wharf.images.oci;

import com.fasterxml.jackson.databind.JsonNode;

/** Picks the linux/amd64 entry of an image index (OCI index or Docker manifest list). */
public final class Platforms {
    public static final String OS = "linux";
    public static final String ARCH = "amd64";

    private Platforms() {
    }

    public static Descriptor pick(JsonNode index) {
        Descriptor untagged = null;
        StringBuilder seen = new StringBuilder();
        for (JsonNode m : index.path("manifests")) {
            JsonNode p = m.path("platform");
            if (p.isMissingNode()) {
                if (untagged == null && !"attestation-manifest".equals(m.path("annotations")
                        .path("vnd.docker.reference.type").asText())) {
                    untagged = Descriptor.from(m);
                }
                continue;
            }
            String os = p.path("os").asText();
            String arch = p.path("architecture").asText();
            seen.append(seen.isEmpty() ? "" : ", ").append(os).append('/').append(arch);
            if (OS.equals(os) && ARCH.equals(arch)) {
                return Descriptor.from(m);
            }
        }
        if (untagged != null && seen.isEmpty()) {
            return untagged;
        }
        throw new IllegalArgumentException("no matching manifest for " + OS + "/" + ARCH + " in the manifest list entries"
                + (seen.isEmpty() ? "" : " (available: " + seen + ")"));
    }
}
