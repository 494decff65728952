package dev.wharf.registry;

import dev.wharf.common.Json;
import dev.wharf.registry.manifest.MediaTypes;
import dev.wharf.registry.storage.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Writes an OCI image layout holding a two-platform index (amd64, arm64) with a few real gzip'd tar layers. */
final class OciLayout {
    private final Path dir;

    OciLayout(Path dir) {
        this.dir = dir;
    }

    static byte[] tarGz(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(bytes); var tar = new TarArchiveOutputStream(gz)) {
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(content.length);
            e.setModTime(new Date(0));
            e.setMode(0644);
            tar.putArchiveEntry(e);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private Digest blob(byte[] content) throws IOException {
        Digest d = Digest.of(content);
        Path p = dir.resolve("blobs/sha256/" + d.hex());
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        return d;
    }

    private byte[] image(String arch, int layerBytes) throws IOException {
        byte[] payload = new byte[layerBytes];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) ((i * 7 + arch.length()) ^ (i >> 8));
        }
        byte[] shared = tarGz("etc/shared", "same in both".getBytes(StandardCharsets.UTF_8));
        byte[] own = tarGz("bin/app-" + arch, payload);
        blob(shared);
        blob(own);
        byte[] config = Images.config(arch);
        blob(config);
        byte[] manifest = Images.manifest(config, shared, own);
        blob(manifest);
        return manifest;
    }

    /** Writes the layout with tag {@code tag}; returns the index bytes. */
    byte[] writeTwoPlatformIndex(String tag, int layerBytes) throws IOException {
        byte[] index = Images.index(image("amd64", layerBytes), image("arm64", layerBytes / 2));
        Digest d = blob(index);
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        var root = Json.object().put("schemaVersion", 2);
        var desc = root.putArray("manifests").addObject().put("mediaType", MediaTypes.OCI_INDEX)
                .put("digest", d.toString()).put("size", index.length);
        desc.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
        Files.write(dir.resolve("index.json"), Json.bytes(root));
        return index;
    }
}
