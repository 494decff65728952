package dev.wharf.builder.build;

import dev.wharf.common.Json;
import dev.wharf.images.blob.BlobStore;
import dev.wharf.images.oci.Descriptor;
import dev.wharf.images.oci.Manifest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Reads built layers and configs back for assertions. */
final class Layers {
    /** A tar entry with its content (for regular files). */
    record Entry(TarArchiveEntry header, String content) { }

    private Layers() {
    }

    static Map<String, Entry> read(BlobStore blobs, Descriptor d) throws IOException {
        Map<String, Entry> out = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(blobs.path(d.digest()));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String content = e.isFile() ? new String(tar.readAllBytes(), StandardCharsets.UTF_8) : null;
                out.put(e.getName(), new Entry(e, content));
            }
        }
        return out;
    }

    static JsonNode config(BlobStore blobs, Manifest m) throws IOException {
        return Json.parse(blobs.read(m.config().digest()));
    }
}
