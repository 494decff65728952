package dev.wharf.images.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;
import dev.wharf.images.blob.BlobStore;
import dev.wharf.images.oci.Descriptor;
import dev.wharf.images.oci.Digests;
import dev.wharf.images.oci.Manifest;
import dev.wharf.images.oci.MediaTypes;
import dev.wharf.images.oci.Platforms;
import dev.wharf.spi.image.ImageRef;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads an OCI image layout (directory or tar of one) or a docker-archive tar ({@code docker save}: manifest.json,
 * config JSON and layer tars) into the blob store, verifying every digest, and says which images it held.
 *
 * <p>Names: an OCI layout's {@code org.opencontainers.image.ref.name} annotation is used whole when it is a full
 * reference ({@code io.containerd.image.name} likewise); a bare tag like "latest" is put on a repository named
 * after the file ({@code busybox.tar} + "latest" = {@code busybox:latest}).
 */
public final class ArchiveImporter {
    private static final String REF_NAME = "org.opencontainers.image.ref.name";
    private static final String CONTAINERD_NAME = "io.containerd.image.name";
    private final BlobStore blobs;

    public ArchiveImporter(BlobStore blobs) {
        this.blobs = blobs;
    }

    public record Imported(Manifest manifest, String topDigest, ImageRef ref) { }

    public List<Imported> read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            return readDirectory(file, baseName(file));
        }
        Path tmp = Files.createTempDirectory(file.toAbsolutePath().getParent(), ".import-");
        try {
            extract(file, tmp);
            return readDirectory(tmp, baseName(file));
        } finally {
            try (var walk = Files.walk(tmp)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private List<Imported> readDirectory(Path dir, String defaultName) throws IOException {
        if (Files.isRegularFile(dir.resolve("index.json")) && Files.isRegularFile(dir.resolve("oci-layout"))) {
            return readOciLayout(dir, defaultName);
        }
        if (Files.isRegularFile(dir.resolve("manifest.json"))) {
            return readDockerArchive(dir, defaultName);
        }
        throw new IOException("not an OCI layout (index.json + oci-layout) nor a docker-archive (manifest.json)");
    }

    private List<Imported> readOciLayout(Path dir, String defaultName) throws IOException {
        JsonNode index = Json.parse(Files.readAllBytes(dir.resolve("index.json")));
        List<Imported> out = new ArrayList<>();
        for (JsonNode entry : index.path("manifests")) {
            Descriptor d = Descriptor.from(entry);
            String name = entry.path("annotations").path(CONTAINERD_NAME).asText(entry.path("annotations").path(REF_NAME).asText("latest"));
            ImageRef ref = name.contains("/") || name.contains(":") || name.contains("@")
                    ? ImageRef.parse(name) : ImageRef.parse(defaultName + ":" + name);
            byte[] top = readVerified(dir, d.digest());
            String type = d.mediaType() != null ? d.mediaType() : Json.parse(top).path("mediaType").asText(MediaTypes.OCI_MANIFEST);
            Descriptor platform = MediaTypes.isIndex(type) ? Platforms.pick(Json.parse(top)) : d;
            byte[] raw = platform == d ? top : readVerified(dir, platform.digest());
            Manifest m = Manifest.parse(raw, platform.mediaType() != null ? platform.mediaType() : type);
            for (Descriptor b : blobsOf(m)) {
                copyVerified(dir, b.digest());
            }
            blobs.put(top);
            out.add(new Imported(m, d.digest(), ref));
        }
        return out;
    }

    private List<Imported> readDockerArchive(Path dir, String defaultName) throws IOException {
        JsonNode manifests = Json.parse(Files.readAllBytes(dir.resolve("manifest.json")));
        List<Imported> out = new ArrayList<>();
        for (JsonNode entry : manifests) {
            byte[] config = Files.readAllBytes(inside(dir, entry.path("Config").asText()));
            String configDigest = blobs.put(config);
            ObjectNode manifest = Json.object();
            manifest.put("schemaVersion", 2);
            manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
            manifest.set("config", new Descriptor(MediaTypes.OCI_CONFIG, configDigest, config.length).toJson());
            ArrayNode layers = manifest.putArray("layers");
            for (JsonNode l : entry.path("Layers")) {
                Path layer = inside(dir, l.asText());
                String digest = digestOf(layer);
                blobs.moveIn(copyToTemp(layer), digest);
                layers.add(new Descriptor(isGzip(layer) ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.OCI_LAYER, digest, Files.size(layer)).toJson());
            }
            Manifest m = Manifest.parse(Json.bytes(manifest), MediaTypes.OCI_MANIFEST);
            List<String> tags = new ArrayList<>();
            entry.path("RepoTags").forEach(t -> tags.add(t.asText()));
            if (tags.isEmpty()) {
                tags.add(defaultName + ":latest");
            }
            for (String t : tags) {
                out.add(new Imported(m, m.digest(), ImageRef.parse(t)));
            }
        }
        return out;
    }

    private static List<Descriptor> blobsOf(Manifest m) {
        List<Descriptor> all = new ArrayList<>(m.layers());
        all.add(m.config());
        return all;
    }

    private byte[] readVerified(Path dir, String digest) throws IOException {
        byte[] b = Files.readAllBytes(dir.resolve("blobs/sha256").resolve(Digests.hex(digest)));
        if (!Digests.of(b).equals(digest)) {
            throw new IOException("blob " + digest + " in the layout does not match its digest");
        }
        return b;
    }

    private void copyVerified(Path dir, String digest) throws IOException {
        if (blobs.has(digest)) {
            return;
        }
        Path src = dir.resolve("blobs/sha256").resolve(Digests.hex(digest));
        if (!Files.isRegularFile(src)) {
            throw new IOException("blob " + digest + " is missing from the layout");
        }
        try (InputStream in = Files.newInputStream(src)) {
            blobs.put(in, digest, -1, n -> { });
        }
    }

    private Path copyToTemp(Path file) throws IOException {
        Path t = blobs.tempFile("import-");
        Files.copy(file, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return t;
    }

    private static String digestOf(Path file) throws IOException {
        var md = Digests.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            int r;
            while ((r = in.read(buf)) > 0) {
                md.update(buf, 0, r);
            }
        }
        return Digests.format(md.digest());
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static Path inside(Path dir, String name) throws IOException {
        Path p = dir.resolve(name).normalize();
        if (!p.startsWith(dir) || name.isEmpty()) {
            throw new IOException("archive entry \"" + name + "\" points outside the archive");
        }
        return p;
    }

    private static void extract(Path tarFile, Path dir) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tarFile)))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path p = inside(dir, e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(p);
                } else if (e.isFile()) {
                    Files.createDirectories(p.getParent());
                    Files.copy(tar, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static String baseName(Path file) {
        String n = file.toAbsolutePath().normalize().getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        n = n.replaceFirst("\\.(tar|tar\\.gz|tgz|oci)$", "").replaceAll("[^a-z0-9._-]", "-").replaceAll("^[^a-z0-9]+", "");
        return n.isEmpty() ? "imported" : n;
    }
}
