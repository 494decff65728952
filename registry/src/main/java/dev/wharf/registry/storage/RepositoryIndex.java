package dev.wharf.registry.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What each repository holds, as small files under {@code DATA/repositories/<name>/}: {@code _manifests/<hex>}
 * (content: media type), {@code _tags/<tag>} (content: digest), {@code _layers/<hex>} (blob links) and
 * {@code _referrers/<subject-hex>/<hex>} (content: the referrer's descriptor as JSON). Names with several
 * components nest as directories; the underscore keeps them apart from child repositories.
 */
public final class RepositoryIndex {
    private final Path root;
    private final Path tmp;

    public RepositoryIndex(Path dataDir) {
        this.root = dataDir.resolve("repositories");
        this.tmp = dataDir.resolve("tmp");
        try {
            Files.createDirectories(root);
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path repo(String name) {
        return root.resolve(name);
    }

    public boolean exists(String name) {
        return Files.isDirectory(repo(name).resolve("_manifests")) || Files.isDirectory(repo(name).resolve("_layers"));
    }

    // ---- blobs linked to a repository

    public void linkBlob(String name, Digest digest) throws IOException {
        writeAtomically(repo(name).resolve("_layers").resolve(digest.hex()), "");
    }

    public boolean hasBlob(String name, Digest digest) {
        return Files.exists(repo(name).resolve("_layers").resolve(digest.hex()));
    }

    public boolean unlinkBlob(String name, Digest digest) throws IOException {
        return Files.deleteIfExists(repo(name).resolve("_layers").resolve(digest.hex()));
    }

    // ---- manifests

    public synchronized void putManifest(String name, Digest digest, String mediaType) throws IOException {
        writeAtomically(repo(name).resolve("_manifests").resolve(digest.hex()), mediaType);
    }

    /** The media type the manifest was pushed with, or empty when the repository does not hold it. */
    public Optional<String> manifestType(String name, Digest digest) {
        return readString(repo(name).resolve("_manifests").resolve(digest.hex()));
    }

    public List<Digest> manifests(String name) throws IOException {
        return listDigests(repo(name).resolve("_manifests"));
    }

    /** Removes the manifest, every tag pointing at it and its referrer entry; returns whether it was there. */
    public synchronized boolean deleteManifest(String name, Digest digest) throws IOException {
        boolean had = Files.deleteIfExists(repo(name).resolve("_manifests").resolve(digest.hex()));
        for (var tag : tags(name).entrySet()) {
            if (tag.getValue().equals(digest)) {
                Files.deleteIfExists(repo(name).resolve("_tags").resolve(tag.getKey()));
            }
        }
        Path refs = repo(name).resolve("_referrers");
        if (Files.isDirectory(refs)) {
            try (Stream<Path> subjects = Files.list(refs)) {
                for (Path s : subjects.toList()) {
                    Files.deleteIfExists(s.resolve(digest.hex()));
                }
            }
        }
        return had;
    }

    // ---- tags

    public synchronized void tag(String name, String tag, Digest digest) throws IOException {
        writeAtomically(repo(name).resolve("_tags").resolve(tag), digest.toString());
    }

    public Optional<Digest> resolveTag(String name, String tag) {
        return readString(repo(name).resolve("_tags").resolve(tag)).map(Digest::parse);
    }

    public synchronized boolean untag(String name, String tag) throws IOException {
        return Files.deleteIfExists(repo(name).resolve("_tags").resolve(tag));
    }

    /** Tags from the most recently pushed to the oldest (by the time the tag was last written). */
    public List<String> tagsNewestFirst(String name) throws IOException {
        Path dir = repo(name).resolve("_tags");
        List<String> out = new ArrayList<>(tags(name).keySet());
        java.util.Map<String, java.nio.file.attribute.FileTime> times = new java.util.HashMap<>();
        for (String t : out) {
            try {
                times.put(t, Files.getLastModifiedTime(dir.resolve(t)));
            } catch (NoSuchFileException e) {
                times.put(t, java.nio.file.attribute.FileTime.fromMillis(0));
            }
        }
        out.sort(java.util.Comparator.comparing((String t) -> times.get(t)).reversed().thenComparing(java.util.Comparator.naturalOrder()));
        return out;
    }

    /** Tags in lexical order with the digests they point at. */
    public TreeMap<String, Digest> tags(String name) throws IOException {
        TreeMap<String, Digest> out = new TreeMap<>();
        Path dir = repo(name).resolve("_tags");
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String tag = f.getFileName().toString();
                if (!tag.startsWith(".")) {
                    readString(f).map(Digest::parse).ifPresent(d -> out.put(tag, d));
                }
            }
        }
        return out;
    }

    // ---- referrers

    public void addReferrer(String name, Digest subject, Digest manifest, String descriptorJson) throws IOException {
        writeAtomically(repo(name).resolve("_referrers").resolve(subject.hex()).resolve(manifest.hex()), descriptorJson);
    }

    /** Descriptors (JSON) of the manifests whose subject is {@code subject}, ordered by digest. */
    public List<String> referrers(String name, Digest subject) throws IOException {
        List<String> out = new ArrayList<>();
        for (Digest d : listDigests(repo(name).resolve("_referrers").resolve(subject.hex()))) {
            readString(repo(name).resolve("_referrers").resolve(subject.hex()).resolve(d.hex())).ifPresent(out::add);
        }
        return out;
    }

    // ---- catalog

    /** Every repository name, in lexical order. */
    public List<String> repositories() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(root)) {
            dirs.filter(p -> p.getFileName().toString().equals("_manifests") || p.getFileName().toString().equals("_layers"))
                    .map(p -> root.relativize(p.getParent()).toString().replace('\\', '/'))
                    .distinct()
                    .forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    // ---- files

    private static List<Digest> listDigests(Path dir) throws IOException {
        List<Digest> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (n.length() == 64) {
                    out.add(new Digest(n));
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static Optional<String> readString(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeAtomically(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path t = Files.createTempFile(tmp, "idx-", ".tmp");
        Files.writeString(t, content, StandardCharsets.UTF_8);
        Files.move(t, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
