package dev.wharf.registry.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Content-addressed blobs under {@code DATA/blobs/sha256/ab/<hex>}. A blob enters only by an atomic rename of a
 * temp file whose digest was verified, so a reader never sees a partial blob; two writers of the same content
 * race harmlessly (the rename replaces identical bytes).
 */
public final class BlobStore {
    private final Path root;
    private final Path tmp;

    public BlobStore(Path dataDir) {
        this.root = dataDir.resolve("blobs").resolve("sha256");
        this.tmp = dataDir.resolve("tmp");
        try {
            Files.createDirectories(root);
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path(Digest digest) {
        return root.resolve(digest.hex().substring(0, 2)).resolve(digest.hex());
    }

    public boolean exists(Digest digest) {
        return Files.isRegularFile(path(digest));
    }

    /** The blob's size, or empty when it is not stored. */
    public Optional<Long> size(Digest digest) {
        try {
            return Optional.of(Files.size(path(digest)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<byte[]> read(Digest digest) {
        try {
            return Optional.of(Files.readAllBytes(path(digest)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores small content (manifests); returns its digest. */
    public Digest put(byte[] content) throws IOException {
        Digest digest = Digest.of(content);
        if (exists(digest)) {
            return digest;
        }
        Path t = Files.createTempFile(tmp, "put-", ".tmp");
        try {
            Files.write(t, content);
            commit(t, digest);
        } finally {
            Files.deleteIfExists(t);
        }
        return digest;
    }

    /** Moves a verified temp file into place. The caller has checked that {@code file} hashes to {@code digest}. */
    public void commit(Path file, Digest digest) throws IOException {
        Path target = path(digest);
        Files.createDirectories(target.getParent());
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Path near = Files.createTempFile(target.getParent(), "mv-", ".tmp");
            Files.move(file, near, StandardCopyOption.REPLACE_EXISTING);
            Files.move(near, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public boolean delete(Digest digest) throws IOException {
        return Files.deleteIfExists(path(digest));
    }

    public FileTime modified(Digest digest) throws IOException {
        return Files.getLastModifiedTime(path(digest));
    }

    /** Every stored blob (for garbage collection). */
    public List<Digest> all() throws IOException {
        List<Digest> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, 2)) {
            files.filter(Files::isRegularFile).forEach(p -> {
                String name = p.getFileName().toString();
                if (name.length() == 64 && !name.endsWith(".tmp")) {
                    try {
                        out.add(new Digest(name));
                    } catch (IllegalArgumentException ignored) {
                        // a stray file; not a blob
                    }
                }
            });
        }
        out.sort(null);
        return out;
    }

    /** The registry's data dir (parent of {@code blobs/}, {@code tmp/}, {@code uploads/}). */
    public Path dataDir() {
        return tmp.getParent();
    }

    public Path tmpDir() {
        return tmp;
    }
}
