package dev.wharf.images.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;

/** An OCI content descriptor: what a manifest says about a blob. */
public record Descriptor(String mediaType, String digest, long size) {
    public Descriptor {
        Digests.hex(digest);
    }

    public static Descriptor from(JsonNode node) {
        if (node == null || !node.hasNonNull("digest")) {
            throw new IllegalArgumentException("descriptor without a digest: " + node);
        }
        return new Descriptor(node.path("mediaType").asText(null), node.get("digest").asText(), node.path("size").asLong(-1));
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("mediaType", mediaType);
        n.put("digest", digest);
        n.put("size", size);
        return n;
    }
}
