package dev.wharf.builder.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;
import dev.wharf.images.blob.BlobStore;
import dev.wharf.images.oci.Descriptor;
import dev.wharf.images.oci.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The layer cache: a step key (digest of the parent chain key, the instruction after substitution and the digests
 * of its inputs) maps to the layer it produced, in {@code DIR/<key hex>.json}. A hit whose blob is gone is a miss.
 */
public final class BuildCache {
    private final Path dir;
    private final BlobStore blobs;

    public BuildCache(Path dir, BlobStore blobs) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.blobs = blobs;
    }

    public Optional<Layer> get(String key) throws IOException {
        Path f = dir.resolve(Digests.hex(key) + ".json");
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        JsonNode n = Json.parse(Files.readAllBytes(f));
        Layer l = new Layer(Descriptor.from(n.path("layer")), n.path("diffId").asText());
        return blobs.has(l.descriptor().digest()) ? Optional.of(l) : Optional.empty();
    }

    public void put(String key, Layer layer) throws IOException {
        ObjectNode n = Json.object();
        n.set("layer", layer.descriptor().toJson());
        n.put("diffId", layer.diffId());
        Path tmp = Files.createTempFile(dir, "entry-", ".tmp");
        Files.write(tmp, Json.bytes(n));
        Files.move(tmp, dir.resolve(Digests.hex(key) + ".json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The next chain key: sha256 over the parent key and this step's material. */
    public static String key(String parent, String material) {
        return Digests.of((parent + "\n" + material).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
