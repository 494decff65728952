package dev.wharf.builder.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;
import dev.wharf.images.blob.BlobStore;
import dev.wharf.images.oci.Descriptor;
import dev.wharf.images.registry.RegistryClient;
import dev.wharf.spi.image.ImageRef;
import dev.wharf.spi.image.RegistryCredentials;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Pulls base images with Wharf's registry client (linux/amd64 picked from indexes, every blob verified). */
public final class RegistryBaseImageSource implements BaseImageSource {
    private final RegistryClient client;
    private final Function<String, RegistryCredentials> credentials;

    /** {@code credentials} maps a registry host to its credentials, or null for anonymous. */
    public RegistryBaseImageSource(RegistryClient client, Function<String, RegistryCredentials> credentials) {
        this.client = client;
        this.credentials = credentials;
    }

    @Override
    public BaseImage resolve(String reference, BlobStore blobs) throws IOException {
        ImageRef ref;
        try {
            ref = ImageRef.parse(reference);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        RegistryCredentials creds = credentials.apply(ref.registry());
        RegistryClient.Resolved r = client.resolve(ref, creds);
        client.fetchBlob(ref, r.manifest().config(), blobs, creds, n -> { });
        JsonNode config = Json.parse(blobs.read(r.manifest().config().digest()));
        JsonNode diffIds = config.path("rootfs").path("diff_ids");
        List<Descriptor> descriptors = r.manifest().layers();
        if (diffIds.size() != descriptors.size()) {
            throw new IOException(reference + ": the config lists " + diffIds.size() + " diff ids for " + descriptors.size() + " layers");
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < descriptors.size(); i++) {
            client.fetchBlob(ref, descriptors.get(i), blobs, creds, n -> { });
            layers.add(new Layer(descriptors.get(i), diffIds.get(i).asText()));
        }
        return new BaseImage(reference, r.manifest().digest(), (ObjectNode) config, layers);
    }
}
