package dev.wharf.images.store;

import dev.wharf.spi.image.Image;
import dev.wharf.spi.image.ImageConfig;
import java.util.ArrayList;
import java.util.List;

/** An image's metadata file ({@code DIR/images/<config-hex>.json}). */
record StoredImage(String id, String manifestDigest, List<String> repoTags, List<String> repoDigests, long size,
                   ImageConfig config, List<String> layers, List<String> diffIds) {

    Image toImage() {
        return new Image(id, manifestDigest, repoTags, repoDigests, size, config, layers);
    }

    StoredImage withTags(List<String> tags, List<String> digests) {
        return new StoredImage(id, manifestDigest, List.copyOf(tags), List.copyOf(digests), size, config, layers, diffIds);
    }

    StoredImage plus(String tag, String repoDigest) {
        List<String> t = new ArrayList<>(repoTags);
        if (tag != null && !t.contains(tag)) {
            t.add(tag);
        }
        List<String> d = new ArrayList<>(repoDigests);
        if (repoDigest != null && !d.contains(repoDigest)) {
            d.add(repoDigest);
        }
        return withTags(t, d);
    }
}
