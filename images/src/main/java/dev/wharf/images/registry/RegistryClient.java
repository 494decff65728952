package dev.wharf.images.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.common.Json;
import dev.wharf.images.blob.BlobStore;
import dev.wharf.images.oci.Descriptor;
import dev.wharf.images.oci.Digests;
import dev.wharf.images.oci.Manifest;
import dev.wharf.images.oci.MediaTypes;
import dev.wharf.images.oci.Platforms;
import dev.wharf.spi.image.ImagePullException;
import dev.wharf.spi.image.ImageRef;
import dev.wharf.spi.image.RegistryCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * An OCI Distribution client: manifests (OCI and Docker schema 2, indexes resolved to linux/amd64), verified blob
 * downloads into a {@link BlobStore}, and monolithic pushes. Every digest is checked.
 */
public final class RegistryClient {
    private static final int MAX_MANIFEST = 4 * 1024 * 1024;
    private final RegistryHttp http;
    private final RegistryOptions options;

    public RegistryClient(RegistryOptions options) {
        this.options = options;
        this.http = new RegistryHttp(options);
    }

    /** A resolved reference: the digest the registry answered for it (an index's, for multi-platform images) and the platform manifest. */
    public record Resolved(String topDigest, Manifest manifest) { }

    /** GET /v2/: true when the registry answers (200 or 401), for health checks. */
    public boolean ping(String registry) {
        try {
            HttpResponse<InputStream> r = http.send(registry, null, null,
                    () -> HttpRequest.newBuilder(http.uri(registry, "/v2/")).timeout(options.timeout()).GET());
            RegistryHttp.drain(r);
            return r.statusCode() == 200;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public Resolved resolve(ImageRef ref, RegistryCredentials creds) {
        try {
            Fetched top = getManifest(ref, ref.reference(), creds);
            if (MediaTypes.isIndex(top.mediaType)) {
                Descriptor d;
                try {
                    d = Platforms.pick(Json.parse(top.body));
                } catch (IllegalArgumentException e) {
                    throw new ImagePullException("pulling " + ref + ": " + e.getMessage());
                }
                Fetched platform = getManifest(ref, d.digest(), creds);
                return new Resolved(top.digest, parse(ref, platform));
            }
            return new Resolved(top.digest, parse(ref, top));
        } catch (IOException e) {
            throw new ImagePullException("pulling " + ref + ": " + e.getMessage(), e);
        }
    }

    private static Manifest parse(ImageRef ref, Fetched f) {
        try {
            return Manifest.parse(f.body, f.mediaType);
        } catch (IllegalArgumentException e) {
            throw new ImagePullException("pulling " + ref + ": " + e.getMessage());
        }
    }

    private record Fetched(String digest, String mediaType, byte[] body) { }

    private Fetched getManifest(ImageRef ref, String reference, RegistryCredentials creds) throws IOException {
        URI uri = http.uri(ref.registry(), "/v2/" + ref.repository() + "/manifests/" + reference);
        Supplier<HttpRequest.Builder> req = () -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(options.timeout()).GET();
            RegistryHttp.accept().forEach(a -> b.header("Accept", a));
            return b;
        };
        HttpResponse<InputStream> r = http.send(ref.registry(), pullScope(ref), creds, req);
        if (r.statusCode() != 200) {
            throw http.fail(req.get().build(), r);
        }
        byte[] body;
        try (InputStream in = r.body()) {
            body = in.readNBytes(MAX_MANIFEST + 1);
        }
        if (body.length > MAX_MANIFEST) {
            throw new ImagePullException("manifest " + uri + " is larger than " + MAX_MANIFEST + " bytes");
        }
        String actual = Digests.of(body);
        String expected = Digests.isDigest(reference) ? reference : r.headers().firstValue("Docker-Content-Digest").orElse(actual);
        if (!actual.equals(expected)) {
            throw new ImagePullException("manifest digest mismatch for " + uri + ": expected " + expected + ", got " + actual);
        }
        String type = r.headers().firstValue("Content-Type").orElse("").replaceFirst(";.*$", "").strip();
        String bodyType = Json.parse(body).path("mediaType").asText("");
        return new Fetched(actual, bodyType.isEmpty() ? type : bodyType, body);
    }

    /** Downloads a blob into the store (no-op when present), verifying digest and size. */
    public void fetchBlob(ImageRef ref, Descriptor d, BlobStore store, RegistryCredentials creds, LongConsumer progress) {
        if (store.has(d.digest())) {
            return;
        }
        URI uri = http.uri(ref.registry(), "/v2/" + ref.repository() + "/blobs/" + d.digest());
        Supplier<HttpRequest.Builder> req = () -> HttpRequest.newBuilder(uri).timeout(options.timeout()).GET();
        try {
            HttpResponse<InputStream> r = http.send(ref.registry(), pullScope(ref), creds, req);
            r = http.follow(uri, r, ref.registry() + " " + pullScope(ref));
            if (r.statusCode() != 200) {
                throw http.fail(req.get().build(), r);
            }
            try (InputStream in = r.body()) {
                store.put(in, d.digest(), d.size(), progress);
            }
        } catch (IOException e) {
            throw new ImagePullException("pulling " + ref + ": blob " + d.digest() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Pushes an image whose blobs are in {@code store}: for each blob HEAD (skip when present), POST an upload,
     * PUT it whole with {@code ?digest=}; then PUT the manifest under the target's tag. Returns the manifest digest.
     */
    public String push(Manifest manifest, BlobStore store, ImageRef target, RegistryCredentials creds) {
        String scope = "repository:" + target.repository() + ":pull,push";
        List<Descriptor> blobs = new ArrayList<>(manifest.layers());
        blobs.add(manifest.config());
        try {
            for (Descriptor d : blobs) {
                pushBlob(target, d, store, scope, creds);
            }
            URI uri = http.uri(target.registry(), "/v2/" + target.repository() + "/manifests/" + target.reference());
            Supplier<HttpRequest.Builder> put = () -> HttpRequest.newBuilder(uri).timeout(options.timeout())
                    .header("Content-Type", manifest.mediaType()).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.raw()));
            HttpResponse<InputStream> r = http.send(target.registry(), scope, creds, put);
            if (r.statusCode() / 100 != 2) {
                throw http.fail(put.get().build(), r);
            }
            RegistryHttp.drain(r);
            return manifest.digest();
        } catch (IOException e) {
            throw new ImagePullException("pushing " + target + ": " + e.getMessage(), e);
        }
    }

    private void pushBlob(ImageRef target, Descriptor d, BlobStore store, String scope, RegistryCredentials creds) throws IOException {
        String base = "/v2/" + target.repository() + "/blobs/";
        URI head = http.uri(target.registry(), base + d.digest());
        HttpResponse<InputStream> r = http.send(target.registry(), scope, creds,
                () -> HttpRequest.newBuilder(head).timeout(options.timeout()).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        RegistryHttp.drain(r);
        if (r.statusCode() == 200) {
            return;
        }
        URI post = http.uri(target.registry(), base + "uploads/");
        Supplier<HttpRequest.Builder> start = () -> HttpRequest.newBuilder(post).timeout(options.timeout())
                .POST(HttpRequest.BodyPublishers.noBody());
        r = http.send(target.registry(), scope, creds, start);
        if (r.statusCode() != 202) {
            throw http.fail(start.get().build(), r);
        }
        RegistryHttp.drain(r);
        String location = r.headers().firstValue("Location").orElseThrow(() -> new IOException("upload without Location"));
        URI upload = post.resolve(location);
        URI put = URI.create(upload + (upload.getRawQuery() == null ? "?" : "&") + "digest=" + d.digest().replace(":", "%3A"));
        Supplier<HttpRequest.Builder> send = () -> {
            try {
                return HttpRequest.newBuilder(put).timeout(options.timeout()).header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofFile(store.path(d.digest())));
            } catch (java.io.FileNotFoundException e) {
                throw new ImagePullException("blob " + d.digest() + " is not in the local store");
            }
        };
        r = http.send(target.registry(), scope, creds, send);
        if (r.statusCode() != 201) {
            throw http.fail(send.get().build(), r);
        }
        RegistryHttp.drain(r);
    }

    private static String pullScope(ImageRef ref) {
        return "repository:" + ref.repository() + ":pull";
    }

    /** The raw JSON of a config blob, parsed. */
    public static JsonNode readJson(BlobStore store, String digest) throws IOException {
        return Json.parse(store.read(digest));
    }
}
