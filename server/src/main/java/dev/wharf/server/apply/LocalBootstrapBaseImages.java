package dev.wharf.server.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.builder.build.BaseImage;
import dev.wharf.builder.build.BaseImageSource;
import dev.wharf.builder.build.Layer;
import dev.wharf.common.Clock;
import dev.wharf.common.Json;
import dev.wharf.images.blob.BlobStore;
import dev.wharf.images.bootstrap.BootstrapImages;
import dev.wharf.images.oci.Descriptor;
import dev.wharf.images.oci.Manifest;
import dev.wharf.images.registry.RegistryClient;
import dev.wharf.images.registry.RegistryOptions;
import dev.wharf.images.store.NodeImageStore;
import dev.wharf.spi.image.Image;
import dev.wharf.spi.image.ImageRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Base images for builds on a `wharf dev` machine: the registry first (what FROM names), then, for the bootstrap
 * images (busybox:latest, wharf/jre:21, wharf/jdk:21 on any registry host), the node image store DATA/images where
 * `wharf dev` makes them at its first start. While neither has a bootstrap image yet (the Java runtimes are made in
 * the background, about 30 s), it waits, saying so once, up to {@code patience}; other images fail at once.
 *
 * <p>Why not push the bootstrap images into the registry from `wharf dev`: reading the local store needs no registry,
 * no credentials and no push of ~100 MB, and works with {@code --registry-port 0} for builds that are not pushed.
 */
public final class LocalBootstrapBaseImages implements BaseImageSource {
    static final Set<String> BOOTSTRAP = Set.of(BootstrapImages.BUSYBOX, BootstrapImages.JRE, BootstrapImages.JDK);

    /** How the wait sleeps between looks (tests pass one that advances a ManualClock). */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final BaseImageSource registry;
    private final Path imageStoreDir;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration patience;
    private final Consumer<String> progress;

    /**
     * @param registry      the registry source tried first
     * @param imageStoreDir the node image store (DATA/images)
     * @param progress      receives the one "waiting for ..." line
     */
    public LocalBootstrapBaseImages(BaseImageSource registry, Path imageStoreDir, Clock clock, Sleeper sleeper,
            Duration patience, Consumer<String> progress) {
        this.registry = registry;
        this.imageStoreDir = imageStoreDir;
        this.clock = clock;
        this.sleeper = sleeper;
        this.patience = patience;
        this.progress = progress;
    }

    @Override
    public BaseImage resolve(String reference, BlobStore blobs) throws IOException {
        String local = bootstrapName(reference);
        long deadline = clock.nanoTime() + patience.toNanos();
        boolean announced = false;
        while (true) {
            Exception fromRegistry;
            try {
                return registry.resolve(reference, blobs);
            } catch (IOException | RuntimeException e) {
                fromRegistry = e;
            }
            if (local == null) {
                throw fromRegistry instanceof IOException io ? io : new IOException(fromRegistry.getMessage(), fromRegistry);
            }
            Optional<BaseImage> stored = fromStore(reference, local, blobs);
            if (stored.isPresent()) {
                return stored.get();
            }
            if (clock.nanoTime() >= deadline) {
                throw new IOException("the base image " + reference + " is neither in its registry (" + fromRegistry.getMessage()
                        + ") nor in the local image store " + imageStoreDir + " after waiting " + patience.toSeconds()
                        + " s; `wharf dev` makes " + local + " at its first start, or run `wharf image bootstrap`");
            }
            if (!announced) {
                progress.accept("waiting for the base image " + local + " (wharf dev makes it in the background at its"
                        + " first start; up to " + patience.toSeconds() + " s)");
                announced = true;
            }
            try {
                sleeper.sleep(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + reference, e);
            }
        }
    }

    /** "wharf/jdk:21" for any host's wharf/jdk:21 (and busybox:latest for library/busybox), null for other images. */
    static String bootstrapName(String reference) {
        ImageRef ref;
        try {
            ref = ImageRef.parse(reference);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (ref.digest() != null || ref.tag() == null) {
            return null;
        }
        String repo = ref.repository().startsWith("library/") ? ref.repository().substring(8) : ref.repository();
        String name = repo + ":" + ref.tag();
        return BOOTSTRAP.contains(name) ? name : null;
    }

    private Optional<BaseImage> fromStore(String reference, String local, BlobStore blobs) throws IOException {
        if (!Files.isDirectory(imageStoreDir.resolve("images"))) {
            return Optional.empty();
        }
        // a new store each look: `wharf dev`, another process, adds the image while we wait
        NodeImageStore store = new NodeImageStore(imageStoreDir, new RegistryClient(RegistryOptions.defaults()));
        Optional<Image> image = store.get(ImageRef.parse(local));
        if (image.isEmpty()) {
            return Optional.empty();
        }
        BlobStore source = store.blobs();
        Manifest manifest = Manifest.parse(source.read(image.get().manifestDigest()), null);
        copy(source, manifest.config(), blobs);
        JsonNode config = Json.parse(blobs.read(manifest.config().digest()));
        JsonNode diffIds = config.path("rootfs").path("diff_ids");
        if (diffIds.size() != manifest.layers().size()) {
            throw new IOException(local + " in " + imageStoreDir + ": the config lists " + diffIds.size() + " diff ids for "
                    + manifest.layers().size() + " layers");
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < manifest.layers().size(); i++) {
            copy(source, manifest.layers().get(i), blobs);
            layers.add(new Layer(manifest.layers().get(i), diffIds.get(i).asText()));
        }
        return Optional.of(new BaseImage(reference, manifest.digest(), (ObjectNode) config, layers));
    }

    /** Hard-links a blob into the builder's store (same file system), else copies it, verifying the digest. */
    private static void copy(BlobStore from, Descriptor blob, BlobStore to) throws IOException {
        if (to.has(blob.digest())) {
            return;
        }
        Path link = to.tempFile("base-");
        try {
            Files.delete(link);
            Files.createLink(link, from.path(blob.digest()));
            to.moveIn(link, blob.digest());
            return;
        } catch (IOException | UnsupportedOperationException e) {
            Files.deleteIfExists(link);
        }
        try (InputStream in = Files.newInputStream(from.path(blob.digest()))) {
            to.put(in, blob.digest(), blob.size(), n -> { });
        }
    }
}
