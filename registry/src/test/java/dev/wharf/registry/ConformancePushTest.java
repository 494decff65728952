package dev.wharf.registry;

import static dev.wharf.registry.ConformancePullTest.code;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.registry.manifest.MediaTypes;
import dev.wharf.registry.storage.Digest;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.awaitility.Awaitility;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OCI Distribution Spec, "Push" category: monolithic, chunked and resumed uploads, mounts, manifest PUT. */
class ConformancePushTest {
    @TempDir
    Path dir;
    RegistryFixture reg;

    @BeforeEach
    void start() throws Exception {
        reg = new RegistryFixture(dir, false);
    }

    @AfterEach
    void stop() throws Exception {
        reg.close();
    }

    private String startSession(String repo) throws Exception {
        var r = reg.send(reg.request("/v2/" + repo + "/blobs/uploads/").POST(BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.headers().firstValue("Range")).hasValue("0-0");
        return r.headers().firstValue("Location").orElseThrow();
    }

    @Test
    void monolithicPostWithDigest() throws Exception {
        byte[] blob = "hello".getBytes(StandardCharsets.UTF_8);
        Digest d = reg.pushBlob("team/app", blob);
        assertThat(reg.get("/v2/team/app/blobs/" + d).body()).isEqualTo(blob);
    }

    @Test
    void sessionThenOnePatchWithoutContentRangeThenEmptyPut() throws Exception {
        byte[] blob = new byte[300_000];
        Arrays.fill(blob, (byte) 7);
        String loc = startSession("team/app");
        var patch = reg.send(reg.request(loc).header("Content-Type", "application/octet-stream")
                .method("PATCH", BodyPublishers.ofByteArray(blob)));
        assertThat(patch.statusCode()).isEqualTo(202);
        assertThat(patch.headers().firstValue("Range")).hasValue("0-" + (blob.length - 1));
        String next = patch.headers().firstValue("Location").orElseThrow();
        var put = reg.send(reg.request(next + "?digest=" + Digest.of(blob)).PUT(BodyPublishers.noBody()));
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(put.headers().firstValue("Docker-Content-Digest")).hasValue(Digest.of(blob).toString());
        assertThat(reg.get("/v2/team/app/blobs/" + Digest.of(blob)).body()).isEqualTo(blob);
    }

    @Test
    void chunksWithContentRangeAndOutOfOrderChunkIs416() throws Exception {
        byte[] blob = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        String loc = startSession("team/app");
        var first = reg.send(reg.request(loc).header("Content-Range", "0-7").header("Content-Type", "application/octet-stream")
                .method("PATCH", BodyPublishers.ofByteArray(Arrays.copyOfRange(blob, 0, 8))));
        assertThat(first.statusCode()).isEqualTo(202);
        var skipped = reg.send(reg.request(loc).header("Content-Range", "10-15")
                .method("PATCH", BodyPublishers.ofByteArray(Arrays.copyOfRange(blob, 10, 16))));
        assertThat(skipped.statusCode()).isEqualTo(416);
        assertThat(skipped.headers().firstValue("Range")).hasValue("0-7");
        var second = reg.send(reg.request(loc).header("Content-Range", "8-15")
                .method("PATCH", BodyPublishers.ofByteArray(Arrays.copyOfRange(blob, 8, 16))));
        assertThat(second.statusCode()).isEqualTo(202);
        var status = reg.get(loc);
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(status.headers().firstValue("Range")).hasValue("0-15");
        var put = reg.send(reg.request(loc + "?digest=" + Digest.of(blob)).PUT(BodyPublishers.noBody()));
        assertThat(put.statusCode()).isEqualTo(201);
    }

    @Test
    void finalChunkInThePutBody() throws Exception {
        byte[] blob = "abcdef".getBytes(StandardCharsets.UTF_8);
        String loc = startSession("team/app");
        reg.send(reg.request(loc).method("PATCH", BodyPublishers.ofByteArray(Arrays.copyOfRange(blob, 0, 3))));
        var put = reg.send(reg.request(loc + "?digest=" + Digest.of(blob)).header("Content-Range", "3-5")
                .PUT(BodyPublishers.ofByteArray(Arrays.copyOfRange(blob, 3, 6))));
        assertThat(put.statusCode()).isEqualTo(201);
    }

    @Test
    void wrongDigestIsDigestInvalidAndNothingIsStored() throws Exception {
        String loc = startSession("team/app");
        reg.send(reg.request(loc).method("PATCH", BodyPublishers.ofByteArray("data".getBytes(StandardCharsets.UTF_8))));
        Digest wrong = Digest.of("other");
        var put = reg.send(reg.request(loc + "?digest=" + wrong).PUT(BodyPublishers.noBody()));
        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(code(put)).isEqualTo("DIGEST_INVALID");
        assertThat(reg.head("/v2/team/app/blobs/" + wrong).statusCode()).isEqualTo(404);
        assertThat(reg.head("/v2/team/app/blobs/" + Digest.of("data")).statusCode()).isEqualTo(404);
    }

    @Test
    void uploadResumesAfterADroppedConnection() throws Exception {
        byte[] blob = new byte[200_000];
        for (int i = 0; i < blob.length; i++) {
            blob[i] = (byte) (i * 31);
        }
        String loc = startSession("team/app");
        int sent = 120_000;
        try (Socket s = new Socket("127.0.0.1", reg.server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("PATCH " + loc + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + reg.auth
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + blob.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(blob, 0, sent);
            out.flush();
        }
        // the server keeps what reached it: the status says where to resume
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            var status = reg.get(loc);
            return status.statusCode() == 204
                    && status.headers().firstValue("Range").orElseThrow().equals("0-" + (sent - 1));
        });
        var rest = reg.send(reg.request(loc).header("Content-Range", sent + "-" + (blob.length - 1))
                .method("PATCH", BodyPublishers.ofByteArray(Arrays.copyOfRange(blob, sent, blob.length))));
        assertThat(rest.statusCode()).isEqualTo(202);
        var put = reg.send(reg.request(loc + "?digest=" + Digest.of(blob)).PUT(BodyPublishers.noBody()));
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(reg.get("/v2/team/app/blobs/" + Digest.of(blob)).body()).isEqualTo(blob);
    }

    @Test
    void cancelledUploadIsGone() throws Exception {
        String loc = startSession("team/app");
        assertThat(reg.delete(loc).statusCode()).isEqualTo(204);
        var r = reg.get(loc);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(code(r)).isEqualTo("BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void crossRepositoryMountLinksAnExistingBlobOrFallsBackToASession() throws Exception {
        Digest d = reg.pushBlob("team/base", "base layer".getBytes(StandardCharsets.UTF_8));
        var mounted = reg.send(reg.request("/v2/team/app/blobs/uploads/?mount=" + d + "&from=team/base").POST(BodyPublishers.noBody()));
        assertThat(mounted.statusCode()).isEqualTo(201);
        assertThat(mounted.headers().firstValue("Location")).hasValue("/v2/team/app/blobs/" + d);
        assertThat(reg.head("/v2/team/app/blobs/" + d).statusCode()).isEqualTo(200);
        var fallback = reg.send(reg.request("/v2/team/app/blobs/uploads/?mount=" + Digest.of("nope") + "&from=team/base")
                .POST(BodyPublishers.noBody()));
        assertThat(fallback.statusCode()).isEqualTo(202);
        assertThat(fallback.headers().firstValue("Location").orElseThrow()).startsWith("/v2/team/app/blobs/uploads/");
    }

    @Test
    void manifestPutChecksReferencedBlobsAndChildren() throws Exception {
        byte[] config = Images.config("amd64");
        byte[] layer = "l".getBytes(StandardCharsets.UTF_8);
        byte[] m = Images.manifest(config, layer);
        var missing = reg.putManifest("team/app", "v1", MediaTypes.OCI_MANIFEST, m);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(code(missing)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
        reg.pushBlob("team/app", config);
        reg.pushBlob("team/app", layer);
        var ok = reg.putManifest("team/app", "v1", MediaTypes.OCI_MANIFEST, m);
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(ok.headers().firstValue("Docker-Content-Digest")).hasValue(Digest.of(m).toString());
        assertThat(ok.headers().firstValue("Location")).hasValue("/v2/team/app/manifests/" + Digest.of(m));
        byte[] other = Images.manifest(Images.config("arm64"), layer);
        var childMissing = reg.putManifest("team/app", "multi", MediaTypes.OCI_INDEX, Images.index(m, other));
        assertThat(code(childMissing)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
        assertThat(reg.putManifest("team/app", "multi", MediaTypes.OCI_INDEX, Images.index(m)).statusCode()).isEqualTo(201);
    }

    @Test
    void manifestWithoutMediaTypeGoesByContentTypeAndByDigestMustMatch() throws Exception {
        byte[] config = Images.config("amd64");
        reg.pushBlob("team/app", config);
        byte[] m = Images.manifest(false, config, null);
        assertThat(reg.putManifest("team/app", Digest.of("x").toString(), MediaTypes.OCI_MANIFEST, m).statusCode()).isEqualTo(400);
        assertThat(reg.putManifest("team/app", Digest.of(m).toString(), MediaTypes.OCI_MANIFEST, m).statusCode()).isEqualTo(201);
        var got = reg.get("/v2/team/app/manifests/" + Digest.of(m));
        assertThat(got.headers().firstValue("Content-Type")).hasValue(MediaTypes.OCI_MANIFEST);
        assertThat(code(reg.putManifest("team/app", "bad", "application/json", "{}".getBytes()))).isEqualTo("MANIFEST_INVALID");
    }

    @Test
    void concurrentPushesOfTheSameBlobLeaveOneIntactBlob() throws Exception {
        byte[] blob = new byte[1 << 20];
        Arrays.fill(blob, (byte) 42);
        var pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Integer> push = () -> {
                reg.pushBlob("team/app", blob);
                return 1;
            };
            for (var f : pool.invokeAll(java.util.Collections.nCopies(6, push))) {
                assertThat(f.get()).isEqualTo(1);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(reg.get("/v2/team/app/blobs/" + Digest.of(blob)).body()).isEqualTo(blob);
        try (Stream<Path> left = Files.list(dir.resolve("uploads"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void chunkedTransferEncodingStreamsIntoTheUpload() throws Exception {
        byte[] blob = new byte[3_000_000];
        for (int i = 0; i < blob.length; i++) {
            blob[i] = (byte) (i % 251);
        }
        String loc = startSession("team/app");
        var patch = reg.send(reg.request(loc).method("PATCH",
                BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(blob))));
        assertThat(patch.statusCode()).isEqualTo(202);
        assertThat(patch.headers().firstValue("Range")).hasValue("0-" + (blob.length - 1));
        var put = reg.send(reg.request(loc + "?digest=" + Digest.of(blob)).PUT(BodyPublishers.noBody()));
        assertThat(put.statusCode()).isEqualTo(201);
        var range = reg.send(reg.request("/v2/team/app/blobs/" + Digest.of(blob)).header("Range", "bytes=-10").GET());
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(blob, blob.length - 10, blob.length));
    }
}
