package dev.wharf.images.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.common.Json;
import dev.wharf.images.blob.BlobStore;
import dev.wharf.images.oci.Digests;
import dev.wharf.images.unpack.LayerUnpacker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Unpacked layers under {@code DIR/layers/<short-id>/}, one per layer blob digest, shared by every image.
 * The short id (16 hex digits of the blob digest) keeps overlay mount options under one page with 100+ layers.
 * A layer is unpacked into a temp directory and renamed in, so a directory that exists is complete; its
 * {@code <short-id>.json} records the blob digest, the diff id and whether trusted xattrs were written.
 */
final class LayerCache {
    static final int SHORT = 16;
    private final Path dir;
    private final BlobStore blobs;
    private final LayerUnpacker unpacker = new LayerUnpacker();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    record Layer(Path dir, String diffId, boolean trusted) { }

    LayerCache(Path dataDir, BlobStore blobs) throws IOException {
        this.dir = dataDir.resolve("layers");
        this.blobs = blobs;
        Files.createDirectories(dir);
    }

    static String shortId(String digest) {
        return Digests.hex(digest).substring(0, SHORT);
    }

    Path path(String digest) {
        return dir.resolve(shortId(digest));
    }

    /** The unpacked layer, unpacking it from its blob when needed (once, even under concurrent calls). */
    Layer ensure(String digest) throws IOException {
        Path target = path(digest);
        Path meta = dir.resolve(shortId(digest) + ".json");
        synchronized (locks.computeIfAbsent(digest, k -> new Object())) {
            if (Files.isDirectory(target) && Files.isRegularFile(meta)) {
                JsonNode m = Json.parse(Files.readAllBytes(meta));
                if (!digest.equals(m.path("digest").asText())) {
                    throw new IOException("layer id collision: " + target + " holds " + m.path("digest").asText() + ", not " + digest);
                }
                return new Layer(target, m.path("diffId").asText(), m.path("trusted").asBoolean());
            }
            if (!blobs.has(digest)) {
                throw new IOException("layer blob " + digest + " is not in the store");
            }
            deleteTree(target);
            Path tmp = dir.resolve(".tmp-" + shortId(digest));
            deleteTree(tmp);
            LayerUnpacker.Result r;
            try {
                r = unpacker.unpack(blobs.path(digest), tmp);
            } catch (IOException e) {
                deleteTree(tmp);
                throw new IOException("unpacking layer " + digest + ": " + e.getMessage(), e);
            }
            Files.move(tmp, target);
            var json = Json.object().put("digest", digest).put("diffId", r.diffId()).put("trusted", r.trustedXattrs());
            Files.write(meta, Json.bytes(json));
            return new Layer(target, r.diffId(), r.trustedXattrs());
        }
    }

    /** Deletes unpacked layers whose blob digest is not in {@code keep}; returns how many. */
    int retainOnly(Set<String> keep) throws IOException {
        Set<String> keepShort = new HashSet<>();
        keep.forEach(d -> keepShort.add(shortId(d)));
        int removed = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                String id = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
                if (!keepShort.contains(id)) {
                    if (Files.isDirectory(p)) {
                        removed++;
                    }
                    deleteTree(p);
                }
            }
        }
        return removed;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(p)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path x : all) {
            if (Files.isDirectory(x, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                x.toFile().setWritable(true, true);
            }
        }
        for (Path x : all) {
            Files.delete(x);
        }
    }
}
