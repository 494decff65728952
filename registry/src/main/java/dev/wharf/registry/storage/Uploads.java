package dev.wharf.registry.storage;

import dev.wharf.common.Ids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Upload sessions under {@code DATA/uploads/<id>/}; they survive a restart of the registry. */
public final class Uploads {
    private static final Pattern ID = Pattern.compile("[a-f0-9-]{36}");
    private final Path root;
    private final BlobStore blobs;
    private final RandomGenerator random;
    private final Map<String, UploadSession> open = new ConcurrentHashMap<>();

    public Uploads(Path dataDir, BlobStore blobs, RandomGenerator random) {
        this.root = dataDir.resolve("uploads");
        this.blobs = blobs;
        this.random = random;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public UploadSession start(String repository) throws IOException {
        String id;
        synchronized (random) {
            id = Ids.uid(random);
        }
        Path dir = root.resolve(id);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("repository"), repository, StandardCharsets.UTF_8);
        UploadSession s = new UploadSession(id, repository, dir);
        open.put(id, s);
        return s;
    }

    /** The session with this id in this repository, also one started before a restart. */
    public Optional<UploadSession> get(String repository, String id) {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        UploadSession s = open.computeIfAbsent(id, k -> {
            Path dir = root.resolve(k);
            try {
                return Files.isDirectory(dir)
                        ? new UploadSession(k, Files.readString(dir.resolve("repository"), StandardCharsets.UTF_8), dir)
                        : null;
            } catch (IOException e) {
                return null;
            }
        });
        if (s != null && !Files.isDirectory(s.dir())) {
            open.remove(id, s);
            return Optional.empty();
        }
        return s != null && s.repository().equals(repository) ? Optional.of(s) : Optional.empty();
    }

    /**
     * Verifies the upload's content against {@code expected} and moves it into the blob store.
     * Returns false (and keeps the session) when the digest does not match.
     */
    public boolean complete(UploadSession s, Digest expected) throws IOException {
        synchronized (s) {
            Digest actual = s.digest();
            if (!actual.equals(expected)) {
                return false;
            }
            if (!Files.exists(s.data())) {
                Files.createFile(s.data());
            }
            blobs.commit(s.data(), expected);
            cancel(s);
            return true;
        }
    }

    public void cancel(UploadSession s) throws IOException {
        s.pause();
        open.remove(s.id());
        try (Stream<Path> files = Files.walk(s.dir())) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
