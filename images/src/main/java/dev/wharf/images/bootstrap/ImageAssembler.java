package dev.wharf.images.bootstrap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;
import dev.wharf.images.blob.BlobStore;
import dev.wharf.images.oci.Descriptor;
import dev.wharf.images.oci.Digests;
import dev.wharf.images.oci.Manifest;
import dev.wharf.images.oci.MediaTypes;
import dev.wharf.spi.image.ImageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Turns built layers and a runtime config into an OCI config and manifest (fixed "created": reproducible). */
public final class ImageAssembler {
    private ImageAssembler() {
    }

    public static Manifest assemble(BlobStore blobs, List<LayerBuilder.Built> layers, ImageConfig config, List<String> history)
            throws IOException {
        ObjectNode cfg = Json.object();
        cfg.put("created", "1970-01-01T00:00:00Z");
        cfg.put("architecture", "amd64");
        cfg.put("os", "linux");
        ObjectNode c = cfg.putObject("config");
        if (!config.env().isEmpty()) {
            config.env().forEach(c.putArray("Env")::add);
        }
        if (!config.entrypoint().isEmpty()) {
            config.entrypoint().forEach(c.putArray("Entrypoint")::add);
        }
        if (!config.cmd().isEmpty()) {
            config.cmd().forEach(c.putArray("Cmd")::add);
        }
        if (config.workingDir() != null) {
            c.put("WorkingDir", config.workingDir());
        }
        if (config.user() != null) {
            c.put("User", config.user());
        }
        if (!config.labels().isEmpty()) {
            ObjectNode l = c.putObject("Labels");
            new java.util.TreeMap<>(config.labels()).forEach(l::put);
        }
        ObjectNode rootfs = cfg.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        layers.forEach(l -> diffIds.add(l.diffId()));
        ArrayNode h = cfg.putArray("history");
        for (String step : history) {
            h.addObject().put("created", "1970-01-01T00:00:00Z").put("created_by", step);
        }
        byte[] configBytes = Json.bytes(cfg);
        String configDigest = blobs.put(configBytes);

        ObjectNode m = Json.object();
        m.put("schemaVersion", 2);
        m.put("mediaType", MediaTypes.OCI_MANIFEST);
        m.set("config", new Descriptor(MediaTypes.OCI_CONFIG, configDigest, configBytes.length).toJson());
        ArrayNode ls = m.putArray("layers");
        layers.forEach(l -> ls.add(l.descriptor().toJson()));
        byte[] raw = Json.bytes(m);
        blobs.put(raw);
        return Manifest.parse(raw, MediaTypes.OCI_MANIFEST);
    }

    /**
     * Writes an OCI image layout holding one image, tagged {@code tag} (so {@code skopeo copy oci:DIR:tag ...}
     * works), with {@code io.containerd.image.name} set to the full reference for importers.
     */
    public static void writeLayout(Path dir, Manifest m, BlobStore blobs, String tag, String fullName) throws IOException {
        Path blobDir = Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        List<Descriptor> all = new java.util.ArrayList<>(m.layers());
        all.add(m.config());
        for (Descriptor d : all) {
            copy(blobs.path(d.digest()), blobDir.resolve(Digests.hex(d.digest())));
        }
        Files.write(blobDir.resolve(Digests.hex(m.digest())), m.raw());
        ObjectNode index = Json.object();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ObjectNode entry = new Descriptor(m.mediaType(), m.digest(), m.raw().length).toJson();
        ObjectNode ann = entry.putObject("annotations");
        ann.put("io.containerd.image.name", fullName);
        ann.put("org.opencontainers.image.ref.name", tag);
        index.putArray("manifests").add(entry);
        Files.write(dir.resolve("index.json"), Json.bytes(index));
    }

    private static void copy(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            return;
        }
        try {
            Files.createLink(to, from);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(from, to);
        }
    }
}
