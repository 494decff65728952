package dev.wharf.images.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A single-platform image manifest (OCI or Docker schema 2), with its raw bytes kept for digesting and pushing. */
public record Manifest(String mediaType, byte[] raw, String digest, Descriptor config, List<Descriptor> layers) {

    /** Parses a manifest; {@code headerType} is the Content-Type it came with (umoci omits mediaType in the body). */
    public static Manifest parse(byte[] raw, String headerType) {
        JsonNode json = dev.wharf.common.Json.parse(raw);
        String type = json.path("mediaType").asText(null);
        if (type == null) {
            type = headerType != null && !headerType.isBlank() ? headerType : MediaTypes.OCI_MANIFEST;
        }
        if (json.path("schemaVersion").asInt() != 2) {
            throw new IllegalArgumentException("unsupported manifest schemaVersion " + json.path("schemaVersion")
                    + " (Docker schema 1 is not supported)");
        }
        if (!MediaTypes.isManifest(type)) {
            throw new IllegalArgumentException("not an image manifest: " + type);
        }
        List<Descriptor> layers = new ArrayList<>();
        for (JsonNode l : json.path("layers")) {
            layers.add(Descriptor.from(l));
        }
        return new Manifest(type, raw, Digests.of(raw), Descriptor.from(json.get("config")), List.copyOf(layers));
    }

    public long totalSize() {
        return config.size() + layers.stream().mapToLong(Descriptor::size).sum();
    }
}
