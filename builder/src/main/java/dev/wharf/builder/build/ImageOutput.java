package dev.wharf.builder.build;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;
import dev.wharf.images.blob.BlobStore;
import dev.wharf.images.oci.Descriptor;
import dev.wharf.images.oci.Manifest;
import dev.wharf.images.oci.MediaTypes;
import java.io.IOException;
import java.time.Instant;

/** Writes a stage's final config and OCI manifest into the blob store (canonical JSON: same inputs, same digest). */
final class ImageOutput {
    private ImageOutput() {
    }

    static Manifest assemble(StageState s, BlobStore blobs, long epochSeconds) throws IOException {
        ObjectNode cfg = s.image.deepCopy();
        cfg.put("created", Instant.ofEpochSecond(epochSeconds).toString());
        if (!cfg.has("architecture")) {
            cfg.put("architecture", "amd64");
        }
        if (!cfg.has("os")) {
            cfg.put("os", "linux");
        }
        ObjectNode rootfs = cfg.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        s.layers.forEach(l -> diffIds.add(l.diffId()));
        byte[] configBytes = Json.bytes(cfg);
        String configDigest = blobs.put(configBytes);
        ObjectNode m = Json.object();
        m.put("schemaVersion", 2);
        m.put("mediaType", MediaTypes.OCI_MANIFEST);
        m.set("config", new Descriptor(MediaTypes.OCI_CONFIG, configDigest, configBytes.length).toJson());
        ArrayNode layers = m.putArray("layers");
        s.layers.forEach(l -> layers.add(l.descriptor().toJson()));
        byte[] raw = Json.bytes(m);
        blobs.put(raw);
        return Manifest.parse(raw, MediaTypes.OCI_MANIFEST);
    }
}
