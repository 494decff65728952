package dev.wharf.images.blob;

import dev.wharf.images.oci.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Content-addressed blobs under {@code DIR/blobs/sha256/<hex>}. Writes go to a temp file in {@code DIR/blobs/tmp},
 * are verified against the expected digest, then renamed in: a blob that exists is complete and correct.
 */
public final class BlobStore {
    private final Path root;
    private final Path tmp;

    public BlobStore(Path dir) {
        this.root = dir.resolve("blobs").resolve("sha256");
        this.tmp = dir.resolve("blobs").resolve("tmp");
        try {
            Files.createDirectories(root);
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path(String digest) {
        return root.resolve(Digests.hex(digest));
    }

    public boolean has(String digest) {
        return Files.isRegularFile(path(digest));
    }

    public byte[] read(String digest) throws IOException {
        return Files.readAllBytes(path(digest));
    }

    /** Stores bytes whose digest is computed here; returns it. */
    public String put(byte[] bytes) throws IOException {
        String digest = Digests.of(bytes);
        if (!has(digest)) {
            Path t = Files.createTempFile(tmp, "put-", ".tmp");
            Files.write(t, bytes);
            moveIn(t, digest);
        }
        return digest;
    }

    /**
     * Copies a stream into the store, verifying it hashes to {@code expected} (and has {@code size} bytes when
     * size >= 0). On mismatch nothing is stored and an IOException names both digests.
     */
    public void put(InputStream in, String expected, long size, LongConsumer progress) throws IOException {
        Digests.hex(expected);
        Path t = Files.createTempFile(tmp, "blob-", ".tmp");
        try {
            MessageDigest md = Digests.sha256();
            long n = 0;
            long reported = 0;
            try (OutputStream out = Files.newOutputStream(t)) {
                byte[] buf = new byte[64 * 1024];
                int r;
                while ((r = in.read(buf)) > 0) {
                    md.update(buf, 0, r);
                    out.write(buf, 0, r);
                    n += r;
                    if (n - reported >= 512 * 1024) {
                        progress.accept(n);
                        reported = n;
                    }
                }
            }
            progress.accept(n);
            String actual = Digests.format(md.digest());
            if (!actual.equals(expected)) {
                throw new IOException("digest mismatch: expected " + expected + ", got " + actual + " (" + n + " bytes)");
            }
            if (size >= 0 && n != size) {
                throw new IOException("size mismatch for " + expected + ": expected " + size + " bytes, got " + n);
            }
            moveIn(t, expected);
        } finally {
            Files.deleteIfExists(t);
        }
    }

    /** Moves a file whose content is already known to hash to {@code digest} into the store. */
    public void moveIn(Path file, String digest) throws IOException {
        Path target = path(digest);
        if (Files.exists(target)) {
            Files.deleteIfExists(file);
            return;
        }
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(file);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A temp file in the store's directory (same filesystem, so moveIn is a rename). */
    public Path tempFile(String prefix) throws IOException {
        return Files.createTempFile(tmp, prefix, ".tmp");
    }

    public List<String> list() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.forEach(p -> out.add("sha256:" + p.getFileName()));
        }
        return out;
    }

    public long delete(String digest) throws IOException {
        Path p = path(digest);
        long size = Files.exists(p) ? Files.size(p) : 0;
        Files.deleteIfExists(p);
        return size;
    }
}
