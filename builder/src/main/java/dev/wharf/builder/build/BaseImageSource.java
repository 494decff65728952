package dev.wharf.builder.build;

import dev.wharf.images.blob.BlobStore;
import java.io.IOException;

/** Where FROM images (and COPY --from=image) come from: fetches config and layers into {@code blobs}. */
public interface BaseImageSource {
    BaseImage resolve(String reference, BlobStore blobs) throws IOException;
}
