package dev.wharf.agent.images;

import dev.wharf.common.Clock;
import dev.wharf.spi.image.ImageRef;
import dev.wharf.spi.image.ImageStore;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The kubelet's image garbage collection: when the disk holding the images is fuller than the high threshold
 * (85 %, kubelet's imageGCHighThresholdPercent), remove the images no pod bound to this node references (and the
 * layers no image needs), at most once per period. Images a pod references, even one not started yet, stay, and
 * so do the bootstrap images Wharf makes offline (they cannot be pulled again without a registry).
 */
public final class ImageGarbageCollector {
    private static final Logger LOG = Logger.getLogger(ImageGarbageCollector.class.getName());
    /** The images Wharf makes offline ({@code wharf image bootstrap}): never collected. */
    public static final Set<String> PINNED = Set.of("busybox:latest", "wharf/jre:21", "wharf/jdk:21");
    public static final double HIGH_THRESHOLD = 0.85;
    private final ImageStore images;
    private final Supplier<Collection<Pod>> podsOnNode;
    private final java.util.function.DoubleSupplier diskUsage;
    private final Clock clock;
    private final long periodNanos;
    private long lastRun;
    private boolean ran;

    /** @param diskUsage the used fraction (0..1) of the file system holding the images */
    public ImageGarbageCollector(ImageStore images, Supplier<Collection<Pod>> podsOnNode, java.util.function.DoubleSupplier diskUsage,
            Clock clock, Duration period) {
        this.diskUsage = diskUsage;
        this.images = images;
        this.podsOnNode = podsOnNode;
        this.clock = clock;
        this.periodNanos = period.toNanos();
    }

    /** Collects if a period has passed since the last collection; returns the removed images (empty if it did not run). */
    public synchronized ImageStore.GcResult maybeCollect() {
        long now = clock.nanoTime();
        if (ran && now - lastRun < periodNanos) {
            return new ImageStore.GcResult(java.util.List.of(), 0, 0);
        }
        ran = true;
        lastRun = now;
        if (diskUsage.getAsDouble() < HIGH_THRESHOLD) {
            return new ImageStore.GcResult(java.util.List.of(), 0, 0);
        }
        Set<String> inUse = new HashSet<>(PINNED);
        for (Pod pod : podsOnNode.get()) {
            Stream.concat(pod.getSpec().getInitContainers().stream(), pod.getSpec().getContainers().stream())
                    .map(Container::getImage).filter(i -> i != null && !i.isBlank())
                    .forEach(i -> {
                        inUse.add(i);
                        try {
                            inUse.add(ImageRef.parse(i).toString());
                        } catch (RuntimeException ignored) {
                            // an invalid reference cannot name a stored image
                        }
                    });
        }
        ImageStore.GcResult result = images.gc(inUse);
        if (!result.removedImages().isEmpty()) {
            LOG.info("image garbage collection removed " + result.removedImages() + ", " + result.removedLayers()
                    + " layers, " + result.freedBytes() + " bytes");
        }
        return result;
    }

    /** The used fraction of the file system holding {@code dir} (0 when it cannot be read). */
    public static double usageOf(java.nio.file.Path dir) {
        try {
            java.nio.file.FileStore store = java.nio.file.Files.getFileStore(dir);
            long total = store.getTotalSpace();
            return total <= 0 ? 0 : 1.0 - (double) store.getUsableSpace() / total;
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
