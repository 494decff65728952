package dev.wharf.registry.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.common.Json;
import dev.wharf.registry.storage.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the registry needs to know of a manifest or index: its media type (from the body, else from the
 * Content-Type it was pushed with), the blobs and child manifests it references, and its subject and artifact
 * type for the referrers API.
 */
public record ParsedManifest(String mediaType, Optional<Descriptor> config, List<Descriptor> layers,
                             List<Descriptor> children, Optional<Descriptor> subject, Optional<String> artifactType,
                             JsonNode annotations) {

    /** Parses {@code body}; throws IllegalArgumentException with a reason when it is not a supported manifest. */
    public static ParsedManifest parse(byte[] body, String contentType) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException("manifest is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("manifest is not a JSON object");
        }
        String bodyType = root.path("mediaType").asText(null);
        String headerType = MediaTypes.bare(contentType);
        String type = bodyType != null ? bodyType : headerType;
        if (type == null || !MediaTypes.supported(type)) {
            if (type == null && root.has("manifests")) {
                type = MediaTypes.OCI_INDEX;
            } else if (type == null && root.has("layers")) {
                type = MediaTypes.OCI_MANIFEST;
            } else {
                throw new IllegalArgumentException("unsupported manifest media type: " + type);
            }
        }
        if (bodyType != null && headerType != null && MediaTypes.supported(headerType) && !bodyType.equals(headerType)) {
            throw new IllegalArgumentException("mediaType " + bodyType + " does not match Content-Type " + headerType);
        }
        if (root.path("schemaVersion").asInt(0) != 2) {
            throw new IllegalArgumentException("schemaVersion must be 2");
        }
        Optional<Descriptor> config = Optional.empty();
        List<Descriptor> layers = new ArrayList<>();
        List<Descriptor> children = new ArrayList<>();
        if (MediaTypes.isIndex(type)) {
            for (JsonNode m : root.path("manifests")) {
                children.add(descriptor(m, "manifests"));
            }
        } else {
            if (!root.has("config")) {
                throw new IllegalArgumentException("image manifest has no config");
            }
            config = Optional.of(descriptor(root.get("config"), "config"));
            for (JsonNode l : root.path("layers")) {
                layers.add(descriptor(l, "layers"));
            }
        }
        Optional<Descriptor> subject = root.has("subject") ? Optional.of(descriptor(root.get("subject"), "subject")) : Optional.empty();
        String artifactType = root.path("artifactType").asText(null);
        if (artifactType == null && config.isPresent() && !MediaTypes.OCI_EMPTY.equals(config.get().mediaType())) {
            artifactType = config.get().mediaType();
        }
        return new ParsedManifest(type, config, layers, children, subject, Optional.ofNullable(artifactType),
                root.get("annotations"));
    }

    private static Descriptor descriptor(JsonNode node, String field) {
        String digest = node.path("digest").asText(null);
        try {
            return new Descriptor(node.path("mediaType").asText(null), Digest.parse(digest), node.path("size").asLong(-1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage());
        }
    }

    /** Every blob (not manifest) this manifest references. */
    public List<Descriptor> blobs() {
        List<Descriptor> out = new ArrayList<>();
        config.ifPresent(out::add);
        out.addAll(layers);
        return out;
    }
}
