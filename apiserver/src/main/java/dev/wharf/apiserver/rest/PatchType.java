package dev.wharf.apiserver.rest;

import java.util.Locale;
import java.util.Optional;

/** The four PATCH formats, by Content-Type. */
public enum PatchType {
    JSON("application/json-patch+json"),
    MERGE("application/merge-patch+json"),
    STRATEGIC("application/strategic-merge-patch+json"),
    APPLY("application/apply-patch+yaml");

    private final String contentType;

    PatchType(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<PatchType> ofContentType(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String mime = header.split(";")[0].trim().toLowerCase(Locale.ROOT);
        for (PatchType t : values()) {
            if (t.contentType.equals(mime)) {
                return Optional.of(t);
            }
        }
        if (mime.equals("application/apply-patch+json") || mime.equals("application/apply-patch+cbor")) {
            return Optional.of(APPLY);
        }
        return Optional.empty();
    }
}
