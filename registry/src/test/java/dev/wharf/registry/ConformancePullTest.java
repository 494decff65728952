package dev.wharf.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.Json;
import dev.wharf.registry.manifest.MediaTypes;
import dev.wharf.registry.storage.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OCI Distribution Spec, "Pull" category: manifests by tag and digest, blobs with ranges, errors. */
class ConformancePullTest {
    @TempDir
    Path dir;
    RegistryFixture reg;
    byte[] layer = "layer-content-0123456789".getBytes(StandardCharsets.UTF_8);
    byte[] config = Images.config("amd64");
    byte[] manifest = Images.manifest(config, layer);
    Digest manifestDigest = Digest.of(manifest);

    @BeforeEach
    void push() throws Exception {
        reg = new RegistryFixture(dir, false);
        reg.pushBlob("team/app", layer);
        reg.pushBlob("team/app", config);
        assertThat(reg.putManifest("team/app", "v1", MediaTypes.OCI_MANIFEST, manifest).statusCode()).isEqualTo(201);
    }

    @AfterEach
    void stop() throws Exception {
        reg.close();
    }

    @Test
    void baseEndpointAnswersWithTheApiVersion() throws Exception {
        var r = reg.get("/v2/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
    }

    @Test
    void manifestByTagAndByDigestCarryTheDigestHeader() throws Exception {
        for (String ref : new String[] {"v1", manifestDigest.toString()}) {
            var r = reg.send(reg.request("/v2/team/app/manifests/" + ref).header("Accept", MediaTypes.OCI_MANIFEST).GET());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(manifest);
            assertThat(r.headers().firstValue("Content-Type")).hasValue(MediaTypes.OCI_MANIFEST);
            assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(manifestDigest.toString());
        }
    }

    @Test
    void headOfAManifestHasLengthAndNoBody() throws Exception {
        var r = reg.head("/v2/team/app/manifests/v1");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("Content-Length")).hasValue(String.valueOf(manifest.length));
        assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(manifestDigest.toString());
    }

    @Test
    void everyAcceptHeaderIsRead() throws Exception {
        byte[] idx = Images.index(manifest);
        reg.putManifest("team/app", "multi", MediaTypes.OCI_INDEX, idx);
        var onlyManifests = reg.send(reg.request("/v2/team/app/manifests/multi")
                .header("Accept", MediaTypes.DOCKER_MANIFEST).header("Accept", MediaTypes.OCI_MANIFEST).GET());
        assertThat(onlyManifests.statusCode()).isEqualTo(404);
        var withIndex = reg.send(reg.request("/v2/team/app/manifests/multi")
                .header("Accept", MediaTypes.DOCKER_MANIFEST).header("Accept", MediaTypes.OCI_MANIFEST)
                .header("Accept", MediaTypes.DOCKER_LIST).header("Accept", MediaTypes.OCI_INDEX).GET());
        assertThat(withIndex.statusCode()).isEqualTo(200);
        assertThat(withIndex.headers().firstValue("Content-Type")).hasValue(MediaTypes.OCI_INDEX);
    }

    @Test
    void blobGetHeadAndRange() throws Exception {
        Digest d = Digest.of(layer);
        var full = reg.get("/v2/team/app/blobs/" + d);
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(full.body()).isEqualTo(layer);
        assertThat(full.headers().firstValue("Docker-Content-Digest")).hasValue(d.toString());
        var head = reg.head("/v2/team/app/blobs/" + d);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(layer.length));
        var part = reg.send(reg.request("/v2/team/app/blobs/" + d).header("Range", "bytes=6-12").GET());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(new String(part.body(), StandardCharsets.UTF_8)).isEqualTo("content");
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 6-12/" + layer.length);
        var beyond = reg.send(reg.request("/v2/team/app/blobs/" + d).header("Range", "bytes=999-").GET());
        assertThat(beyond.statusCode()).isEqualTo(416);
    }

    @Test
    void unknownThingsAnswerWithTheSpecsErrorCodes() throws Exception {
        assertThat(code(reg.get("/v2/team/app/manifests/nope"))).isEqualTo("MANIFEST_UNKNOWN");
        assertThat(code(reg.get("/v2/team/other/manifests/v1"))).isEqualTo("NAME_UNKNOWN");
        var blob = reg.get("/v2/team/app/blobs/" + Digest.of("missing"));
        assertThat(blob.statusCode()).isEqualTo(404);
        assertThat(code(blob)).isEqualTo("BLOB_UNKNOWN");
        assertThat(reg.get("/v2/Team/App/manifests/v1").statusCode()).isEqualTo(400);
        assertThat(code(reg.get("/v2/team/app/blobs/sha256:zz"))).isEqualTo("DIGEST_INVALID");
    }

    @Test
    void aBlobOfAnotherRepositoryIsNotServedHere() throws Exception {
        reg.pushBlob("other/repo", "only-there".getBytes(StandardCharsets.UTF_8));
        var r = reg.get("/v2/team/app/blobs/" + Digest.of("only-there"));
        assertThat(r.statusCode()).isEqualTo(404);
    }

    static String code(java.net.http.HttpResponse<byte[]> r) {
        return Json.parse(r.body()).path("errors").path(0).path("code").asText();
    }
}
