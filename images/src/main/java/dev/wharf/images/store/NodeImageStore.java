package dev.wharf.images.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.common.Json;
import dev.wharf.images.archive.ArchiveImporter;
import dev.wharf.images.blob.BlobStore;
import dev.wharf.images.oci.Descriptor;
import dev.wharf.images.oci.Digests;
import dev.wharf.images.oci.Manifest;
import dev.wharf.images.registry.RegistryClient;
import dev.wharf.spi.image.Image;
import dev.wharf.spi.image.ImagePullException;
import dev.wharf.spi.image.ImageRef;
import dev.wharf.spi.image.ImageStore;
import dev.wharf.spi.image.PullEvent;
import dev.wharf.spi.image.PullListener;
import dev.wharf.spi.image.PullPolicy;
import dev.wharf.spi.image.RegistryCredentials;
import dev.wharf.spi.image.RootFs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

/**
 * The node's image store on disk: blobs in {@code DIR/blobs/sha256}, unpacked layers in {@code DIR/layers},
 * one JSON file per image in {@code DIR/images} (tags and digests it is known by, config, layers).
 * Pulls of the same reference are serialised; different images pull in parallel; gc excludes everything else.
 */
public final class NodeImageStore implements ImageStore {
    private final Path imagesDir;
    private final BlobStore blobs;
    private final LayerCache layers;
    private final RegistryClient registry;
    private final Map<String, StoredImage> images = new ConcurrentHashMap<>();
    private final Map<String, Object> pullLocks = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock gcLock = new ReentrantReadWriteLock();

    public NodeImageStore(Path dir, RegistryClient registry) {
        Path dataDir = dir.toAbsolutePath().normalize();
        try {
            this.imagesDir = Files.createDirectories(dataDir.resolve("images"));
            this.blobs = new BlobStore(dataDir);
            this.layers = new LayerCache(dataDir, blobs);
            this.registry = registry;
            try (Stream<Path> s = Files.list(imagesDir)) {
                for (Path p : s.filter(f -> f.toString().endsWith(".json")).toList()) {
                    StoredImage img = Json.MAPPER.readValue(p.toFile(), StoredImage.class);
                    images.put(img.id(), img);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open image store in " + dataDir, e);
        }
    }

    public BlobStore blobs() {
        return blobs;
    }

    @Override
    public Image pull(ImageRef ref, PullPolicy policy, List<RegistryCredentials> credentials, PullListener listener) {
        Optional<Image> local = get(ref);
        if (policy == PullPolicy.NEVER || (policy == PullPolicy.IF_NOT_PRESENT && local.isPresent())
                || (ref.digest() != null && local.isPresent())) {
            Image img = local.orElseThrow(() -> new ImagePullException(ImagePullException.Reason.ErrImageNeverPull,
                    "Container image \"" + ref + "\" is not present with pull policy of Never", 0, null));
            listener.onEvent(new PullEvent.Done(img, true, 0));
            return img;
        }
        RegistryCredentials creds = RegistryCredentials.forRegistry(credentials, ref.registry()).orElse(null);
        synchronized (pullLocks.computeIfAbsent(ref.toString(), k -> new Object())) {
            Optional<Image> meanwhile = get(ref);
            if (policy == PullPolicy.IF_NOT_PRESENT && meanwhile.isPresent()) {
                listener.onEvent(new PullEvent.Done(meanwhile.get(), true, 0));
                return meanwhile.get(); // another thread pulled it while this one waited
            }
            gcLock.readLock().lock();
            try {
                listener.onEvent(new PullEvent.Resolving(ref));
                RegistryClient.Resolved resolved;
                try {
                    resolved = registry.resolve(ref, creds);
                } catch (ImagePullException e) {
                    if (local.isPresent() && unreachable(e)) {
                        // Always with an unreachable registry: keep running what the node has (offline nodes,
                        // bootstrap images tagged :latest). Registry answers (404, 401...) still fail the pull.
                        listener.onEvent(new PullEvent.Done(local.get(), true, 0));
                        return local.get();
                    }
                    throw e;
                }
                Manifest m = resolved.manifest();
                listener.onEvent(new PullEvent.Resolved(ref, resolved.topDigest(), m.layers().size(), m.totalSize()));
                long fetched = 0;
                List<Descriptor> all = new ArrayList<>(m.layers());
                all.add(0, m.config());
                for (Descriptor d : all) {
                    if (blobs.has(d.digest())) {
                        listener.onEvent(new PullEvent.BlobCached(d.digest(), d.size()));
                        continue;
                    }
                    registry.fetchBlob(ref, d, blobs, creds,
                            n -> listener.onEvent(new PullEvent.BlobProgress(d.digest(), n, d.size())));
                    fetched += d.size();
                }
                Image img = commit(m, resolved.topDigest(), ref);
                listener.onEvent(new PullEvent.Done(img, fetched == 0, fetched));
                return img;
            } catch (IOException e) {
                throw new ImagePullException("pulling " + ref + ": " + e.getMessage(), e);
            } finally {
                gcLock.readLock().unlock();
            }
        }
    }

    /**
     * Records an image whose manifest and blobs are in the blob store: unpacks its layers (verifying each
     * against the config's diff_ids) and tags it as {@code ref} (a tag moves from any other image).
     */
    public Image commit(Manifest m, String topDigest, ImageRef ref) throws IOException {
        gcLock.readLock().lock();
        try {
            return commitLocked(m, topDigest, ref);
        } finally {
            gcLock.readLock().unlock();
        }
    }

    private Image commitLocked(Manifest m, String topDigest, ImageRef ref) throws IOException {
        blobs.put(m.raw());
        if (!blobs.has(m.config().digest())) {
            throw new IOException("config blob " + m.config().digest() + " is missing");
        }
        JsonNode configJson = Json.parse(blobs.read(m.config().digest()));
        List<String> diffIds = ConfigParser.diffIds(configJson);
        if (diffIds.size() != m.layers().size()) {
            throw new IOException("image config lists " + diffIds.size() + " diff_ids for " + m.layers().size() + " layers");
        }
        for (int i = 0; i < m.layers().size(); i++) {
            LayerCache.Layer l = layers.ensure(m.layers().get(i).digest());
            if (!l.diffId().equals(diffIds.get(i))) {
                throw new IOException("layer " + m.layers().get(i).digest() + " unpacks to " + l.diffId()
                        + " but the config says " + diffIds.get(i));
            }
        }
        String id = m.config().digest();
        synchronized (images) {
            String tag = ref.tag() != null ? ref.withTag(ref.tag()).toString() : null;
            String repoDigest = ref.withDigest(topDigest != null ? topDigest : m.digest()).toString();
            if (tag != null) {
                untagOthers(tag, id);
            }
            StoredImage img = images.get(id);
            if (img == null) {
                img = new StoredImage(id, m.digest(), List.of(), List.of(), m.totalSize(), ConfigParser.parse(configJson),
                        m.layers().stream().map(Descriptor::digest).toList(), diffIds);
            }
            img = img.plus(tag, repoDigest);
            save(img);
            return img.toImage();
        }
    }

    private void untagOthers(String tag, String keepId) throws IOException {
        for (StoredImage other : List.copyOf(images.values())) {
            if (!other.id().equals(keepId) && other.repoTags().contains(tag)) {
                List<String> t = new ArrayList<>(other.repoTags());
                t.remove(tag);
                save(other.withTags(t, other.repoDigests()));
            }
        }
    }

    private void save(StoredImage img) throws IOException {
        Path f = imagesDir.resolve(Digests.hex(img.id()) + ".json");
        Path tmp = imagesDir.resolve("." + f.getFileName() + ".tmp");
        Files.write(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(img));
        Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        images.put(img.id(), img);
    }

    @Override
    public Optional<Image> get(ImageRef ref) {
        return find(ref).map(StoredImage::toImage);
    }

    private Optional<StoredImage> find(ImageRef ref) {
        String tag = ref.tag() != null ? ref.withTag(ref.tag()).toString() : null;
        for (StoredImage img : images.values()) {
            if (ref.digest() != null) {
                if (img.id().equals(ref.digest()) || img.manifestDigest().equals(ref.digest())
                        || img.repoDigests().contains(ref.withDigest(ref.digest()).toString())) {
                    return Optional.of(img);
                }
            } else if (img.repoTags().contains(tag)) {
                return Optional.of(img);
            }
        }
        return Optional.empty();
    }

    @Override
    public List<Image> list() {
        return images.values().stream().map(StoredImage::toImage)
                .sorted(java.util.Comparator.comparing(Image::id)).toList();
    }

    @Override
    public boolean remove(ImageRef ref) {
        synchronized (images) {
            Optional<StoredImage> found = find(ref);
            if (found.isEmpty()) {
                return false;
            }
            StoredImage img = found.get();
            List<String> tags = new ArrayList<>(img.repoTags());
            if (ref.digest() == null) {
                tags.remove(ref.toString());
            } else {
                tags.clear();
            }
            try {
                if (tags.isEmpty()) {
                    images.remove(img.id());
                    Files.deleteIfExists(imagesDir.resolve(Digests.hex(img.id()) + ".json"));
                } else {
                    save(img.withTags(tags, img.repoDigests()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return true;
        }
    }

    @Override
    public RootFs rootfs(ImageRef ref) {
        StoredImage img = find(ref).orElseThrow(() -> new ImagePullException("image " + ref + " is not present on this node"));
        gcLock.readLock().lock();
        try {
            List<Path> dirs = new ArrayList<>();
            boolean trusted = true;
            for (String digest : img.layers()) {
                LayerCache.Layer l = layers.ensure(digest);
                dirs.add(l.dir());
                trusted &= l.trusted();
            }
            return new RootFs(img.toImage(), dirs, img.config(), trusted);
        } catch (IOException e) {
            throw new UncheckedIOException("preparing the layers of " + ref + ": " + e.getMessage(), e);
        } finally {
            gcLock.readLock().unlock();
        }
    }

    @Override
    public List<Image> importArchive(Path file) {
        gcLock.readLock().lock();
        try {
            List<Image> out = new ArrayList<>();
            for (ArchiveImporter.Imported i : new ArchiveImporter(blobs).read(file)) {
                out.add(commit(i.manifest(), i.topDigest(), i.ref()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("importing " + file + ": " + e.getMessage(), e);
        } finally {
            gcLock.readLock().unlock();
        }
    }

    @Override
    public GcResult gc(Set<String> inUse) {
        gcLock.writeLock().lock();
        try {
            List<String> removed = new ArrayList<>();
            Set<String> keepBlobs = new HashSet<>();
            Set<String> keepLayers = new HashSet<>();
            for (StoredImage img : List.copyOf(images.values())) {
                if (used(img, inUse)) {
                    keepBlobs.add(img.id());
                    keepBlobs.add(img.manifestDigest());
                    keepBlobs.addAll(img.layers());
                    keepLayers.addAll(img.layers());
                } else {
                    images.remove(img.id());
                    Files.deleteIfExists(imagesDir.resolve(Digests.hex(img.id()) + ".json"));
                    removed.add(img.repoTags().isEmpty() ? img.id() : img.repoTags().get(0));
                }
            }
            int layerCount = layers.retainOnly(keepLayers);
            long freed = 0;
            for (String b : blobs.list()) {
                if (!keepBlobs.contains(b)) {
                    freed += blobs.delete(b);
                }
            }
            return new GcResult(removed, layerCount, freed);
        } catch (IOException e) {
            throw new UncheckedIOException("image gc: " + e.getMessage(), e);
        } finally {
            gcLock.writeLock().unlock();
        }
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof java.nio.channels.UnresolvedAddressException
                    || t instanceof java.net.http.HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static boolean used(StoredImage img, Set<String> inUse) {
        for (String s : inUse) {
            if (s.equals(img.id()) || s.equals(img.manifestDigest()) || img.repoTags().contains(s) || img.repoDigests().contains(s)) {
                return true;
            }
            try {
                ImageRef r = ImageRef.parse(s);
                if (img.repoTags().contains(r.toString()) || (r.digest() != null && (r.digest().equals(img.manifestDigest())
                        || img.repoDigests().contains(r.withDigest(r.digest()).toString())))) {
                    return true;
                }
            } catch (IllegalArgumentException ignored) {
                // not a reference: compared verbatim above
            }
        }
        return false;
    }
}
