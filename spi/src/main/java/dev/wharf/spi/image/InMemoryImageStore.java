package dev.wharf.spi.image;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An image store with no files, for the {@code fake} and {@code process} runtimes and for tests: every pull
 * succeeds at once with a synthetic image (digests derived from the reference) unless the reference was
 * registered with {@link #failPulls}; {@link #rootfs} has no layers. Counts pulls so tests can check policies.
 */
public final class InMemoryImageStore implements ImageStore {
    private final Map<String, Image> images = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final Map<String, ImageConfig> configs = new ConcurrentHashMap<>();
    private final Map<String, Integer> pulls = new ConcurrentHashMap<>();

    /** Pulls of {@code ref} fail with this message (as a registry error would read) until {@link #clearFailure}. */
    public InMemoryImageStore failPulls(String ref, String message) {
        failures.put(ImageRef.parse(ref).toString(), message);
        return this;
    }

    public InMemoryImageStore clearFailure(String ref) {
        failures.remove(ImageRef.parse(ref).toString());
        return this;
    }

    /** The config a later pull of {@code ref} gets (default: empty). */
    public InMemoryImageStore withConfig(String ref, ImageConfig config) {
        configs.put(ImageRef.parse(ref).toString(), config);
        return this;
    }

    /** How many times the registry would have been contacted for {@code ref}. */
    public int pullCount(String ref) {
        return pulls.getOrDefault(ImageRef.parse(ref).toString(), 0);
    }

    @Override
    public Image pull(ImageRef ref, PullPolicy policy, List<RegistryCredentials> credentials, PullListener listener) {
        Optional<Image> local = get(ref);
        if (policy == PullPolicy.NEVER || (policy == PullPolicy.IF_NOT_PRESENT && local.isPresent())) {
            Image img = local.orElseThrow(() -> new ImagePullException(ImagePullException.Reason.ErrImageNeverPull,
                    "Container image \"" + ref + "\" is not present with pull policy of Never", 0, null));
            listener.onEvent(new PullEvent.Done(img, true, 0));
            return img;
        }
        pulls.merge(ref.toString(), 1, Integer::sum);
        listener.onEvent(new PullEvent.Resolving(ref));
        String failure = failures.get(ref.toString());
        if (failure != null) {
            throw new ImagePullException(ImagePullException.Reason.ErrImagePull, failure, 404, null);
        }
        String base = ref.withTag("x").name();
        String manifest = ref.digest() != null ? ref.digest() : digest("manifest " + ref);
        String id = digest("config " + base + "@" + manifest);
        Image img = new Image(id, manifest, ref.tag() != null ? List.of(ref.withTag(ref.tag()).toString()) : List.of(),
                List.of(ref.withDigest(manifest).toString()), 1024, configs.getOrDefault(ref.toString(), ImageConfig.empty()),
                List.of(digest("layer " + base)));
        images.put(key(ref), img);
        images.put(ref.withDigest(manifest).toString(), img);
        listener.onEvent(new PullEvent.Resolved(ref, manifest, 1, 1024));
        listener.onEvent(new PullEvent.Done(img, false, 1024));
        return img;
    }

    @Override
    public Optional<Image> get(ImageRef ref) {
        return Optional.ofNullable(images.get(key(ref)));
    }

    @Override
    public List<Image> list() {
        return images.values().stream().distinct().sorted(java.util.Comparator.comparing(Image::id)).toList();
    }

    @Override
    public boolean remove(ImageRef ref) {
        return images.remove(key(ref)) != null;
    }

    @Override
    public RootFs rootfs(ImageRef ref) {
        Image img = get(ref).orElseThrow(() -> new ImagePullException("image " + ref + " is not present on this node"));
        return new RootFs(img, List.of(), img.config(), true);
    }

    @Override
    public List<Image> importArchive(Path file) {
        throw new UnsupportedOperationException("the in-memory image store cannot import archives");
    }

    @Override
    public GcResult gc(Set<String> inUse) {
        List<String> removed = new ArrayList<>();
        images.entrySet().removeIf(e -> {
            Image i = e.getValue();
            boolean used = inUse.contains(i.id()) || inUse.contains(i.manifestDigest()) || inUse.contains(e.getKey())
                    || i.repoTags().stream().anyMatch(inUse::contains);
            if (!used) {
                removed.add(e.getKey());
            }
            return !used;
        });
        return new GcResult(removed, 0, 0);
    }

    private static String key(ImageRef ref) {
        return ref.digest() != null ? ref.withDigest(ref.digest()).toString() : ref.toString();
    }

    private static String digest(String s) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
