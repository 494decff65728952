package dev.wharf.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wharf.common.Json;
import dev.wharf.images.blob.BlobStore;
import dev.wharf.images.oci.Descriptor;
import dev.wharf.images.oci.Digests;
import dev.wharf.images.oci.Manifest;
import dev.wharf.images.oci.MediaTypes;
import dev.wharf.images.store.NodeImageStore;
import dev.wharf.spi.image.Image;
import dev.wharf.spi.image.ImagePullException;
import dev.wharf.spi.image.ImageRef;
import dev.wharf.spi.image.PullListener;
import dev.wharf.spi.image.PullPolicy;
import dev.wharf.spi.image.RegistryCredentials;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny registry that insists on the bearer-token flow, serves an index, and can corrupt a blob. */
class BearerStubRegistryTest {
    private static final String TOKEN = "tok-123";
    

    @TempDir
    Path tmp;
    HttpServer server;
    BlobStore content;
    Manifest manifest;
    byte[] index;
    final Map<String, byte[]> corrupt = new ConcurrentHashMap<>();
    final List<String> tokenQueries = new CopyOnWriteArrayList<>();
    final List<String> storageAuthHeaders = new CopyOnWriteArrayList<>();
    String host;

    @BeforeEach
    void start() throws IOException {
        content = new BlobStore(tmp.resolve("content"));
        manifest = TinyImages.image(content, "app");
        ObjectNode idx = Json.object().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
        var ms = idx.putArray("manifests");
        ObjectNode arm = new Descriptor(MediaTypes.OCI_MANIFEST, "sha256:" + "0".repeat(64), 10).toJson();
        arm.putObject("platform").put("os", "linux").put("architecture", "arm64");
        ObjectNode amd = new Descriptor(MediaTypes.OCI_MANIFEST, manifest.digest(), manifest.raw().length).toJson();
        amd.putObject("platform").put("os", "linux").put("architecture", "amd64");
        ms.add(arm).add(amd);
        index = Json.bytes(idx);

        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        host = "127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/token", this::token);
        server.createContext("/v2/", this::registry);
        server.createContext("/storage/", this::storage);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void token(HttpExchange ex) throws IOException {
        tokenQueries.add(ex.getRequestURI().getQuery());
        String expected = "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, "application/json", "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}".getBytes());
            return;
        }
        send(ex, 200, "application/json", ("{\"token\":\"" + TOKEN + "\"}").getBytes());
    }

    private void registry(HttpExchange ex) throws IOException {
        if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host
                    + "/token\",service=\"stub\",scope=\"repository:team/app:pull\"");
            send(ex, 401, "application/json", "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}".getBytes());
            return;
        }
        String path = ex.getRequestURI().getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (path.equals("/v2/team/app/manifests/multi")) {
            send(ex, 200, MediaTypes.OCI_INDEX, index);
        } else if (path.equals("/v2/team/app/manifests/1") || path.equals("/v2/team/app/manifests/" + manifest.digest())) {
            send(ex, 200, MediaTypes.OCI_MANIFEST, manifest.raw());
        } else if (path.startsWith("/v2/team/app/blobs/") && content.has(last)) {
            // like Docker Hub: blobs live elsewhere, behind a redirect to another host name
            ex.getResponseHeaders().add("Location", "http://localhost:" + server.getAddress().getPort() + "/storage/" + last);
            send(ex, 307, "text/plain", new byte[0]);
        } else {
            send(ex, 404, "application/json", "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\"}]}".getBytes());
        }
    }

    private void storage(HttpExchange ex) throws IOException {
        storageAuthHeaders.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
        String last = ex.getRequestURI().getPath().substring("/storage/".length());
        send(ex, 200, "application/octet-stream", corrupt.getOrDefault(last, content.read(last)));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @Test
    void getsATokenWithBasicCredentialsAndPullsTheAmd64EntryOfAnIndex() {
        NodeImageStore store = TestStores.store(tmp.resolve("node"));
        ImageRef ref = ImageRef.parse(host + "/team/app:multi");
        Image img = store.pull(ref, PullPolicy.ALWAYS, List.of(new RegistryCredentials(host, "alice", "secret")), PullListener.NONE);

        assertThat(img.manifestDigest()).isEqualTo(manifest.digest());
        assertThat(img.repoDigests()).containsExactly(ref.withDigest(Digests.of(index)).toString());
        assertThat(tokenQueries).first().asString().contains("service=stub").contains("scope=repository:team/app:pull");
        assertThat(tokenQueries).as("the token is reused for every blob").hasSize(1);
        assertThat(storageAuthHeaders).as("no registry token sent to the storage host").hasSize(3).containsOnly("null");
        assertThat(store.rootfs(ref).layers().get(1).resolve("app/app.txt")).hasContent("hello app");
    }

    @Test
    void wrongCredentialsSurfaceTheTokenEndpointError() {
        NodeImageStore store = TestStores.store(tmp.resolve("node"));
        assertThatThrownBy(() -> store.pull(ImageRef.parse(host + "/team/app:1"), PullPolicy.ALWAYS,
                List.of(new RegistryCredentials(host, "alice", "wrong")), PullListener.NONE))
                .isInstanceOf(ImagePullException.class).hasMessageContaining("401").hasMessageContaining("bad credentials");
        assertThatThrownBy(() -> store.pull(ImageRef.parse(host + "/team/app:1"), PullPolicy.ALWAYS, List.of(), PullListener.NONE))
                .hasMessageContaining("401");
    }

    @Test
    void rejectsABlobWhoseDigestDoesNotMatch() {
        String layer = manifest.layers().get(1).digest();
        corrupt.put(layer, new byte[(int) manifest.layers().get(1).size()]);
        NodeImageStore store = TestStores.store(tmp.resolve("node"));
        assertThatThrownBy(() -> store.pull(ImageRef.parse(host + "/team/app:1"), PullPolicy.ALWAYS,
                List.of(new RegistryCredentials(host, "alice", "secret")), PullListener.NONE))
                .isInstanceOf(ImagePullException.class).hasMessageContaining("digest mismatch").hasMessageContaining(layer);
        assertThat(store.blobs().has(layer)).isFalse();
        assertThat(store.list()).isEmpty();

        corrupt.clear();
        assertThat(store.pull(ImageRef.parse(host + "/team/app@" + manifest.digest()), PullPolicy.ALWAYS,
                List.of(new RegistryCredentials(host, "alice", "secret")), PullListener.NONE).id()).isEqualTo(manifest.config().digest());
    }

    @Test
    void concurrentPullsOfOneImageFetchAndUnpackItOnce() throws Exception {
        NodeImageStore store = TestStores.store(tmp.resolve("node"));
        ImageRef ref = ImageRef.parse(host + "/team/app:1");
        var creds = List.of(new RegistryCredentials(host, "alice", "secret"));
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Image>>();
            for (int i = 0; i < 4; i++) {
                futures.add(pool.submit(() -> store.pull(ref, PullPolicy.IF_NOT_PRESENT, creds, PullListener.NONE)));
            }
            for (var f : futures) {
                assertThat(f.get().id()).isEqualTo(manifest.config().digest());
            }
        }
        assertThat(storageAuthHeaders).as("config + 2 layers, once").hasSize(3);
        assertThat(store.rootfs(ref).layers()).hasSize(2);
    }
}
