package dev.wharf.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.registry.manifest.MediaTypes;
import dev.wharf.registry.storage.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OCI Distribution Spec, "Content management": deleting tags, manifests and blobs. */
class ConformanceManagementTest {
    @TempDir
    Path dir;
    RegistryFixture reg;
    byte[] layer = "layer".getBytes(StandardCharsets.UTF_8);
    byte[] config = Images.config("amd64");
    byte[] manifest = Images.manifest(config, layer);
    Digest digest = Digest.of(manifest);

    @BeforeEach
    void push() throws Exception {
        reg = new RegistryFixture(dir, false);
        reg.pushBlob("team/app", layer);
        reg.pushBlob("team/app", config);
        reg.putManifest("team/app", "v1", MediaTypes.OCI_MANIFEST, manifest);
        reg.putManifest("team/app", "stable", MediaTypes.OCI_MANIFEST, manifest);
    }

    @AfterEach
    void stop() throws Exception {
        reg.close();
    }

    @Test
    void deletingAManifestByDigestRemovesEveryTagPointingAtIt() throws Exception {
        assertThat(reg.delete("/v2/team/app/manifests/" + digest).statusCode()).isEqualTo(202);
        assertThat(reg.get("/v2/team/app/manifests/" + digest).statusCode()).isEqualTo(404);
        assertThat(reg.get("/v2/team/app/manifests/v1").statusCode()).isEqualTo(404);
        assertThat(reg.get("/v2/team/app/manifests/stable").statusCode()).isEqualTo(404);
        assertThat(ConformancePullTest.code(reg.delete("/v2/team/app/manifests/" + digest))).isEqualTo("MANIFEST_UNKNOWN");
    }

    @Test
    void deletingATagKeepsTheManifestAndOtherTags() throws Exception {
        assertThat(reg.delete("/v2/team/app/manifests/v1").statusCode()).isEqualTo(202);
        assertThat(reg.get("/v2/team/app/manifests/v1").statusCode()).isEqualTo(404);
        assertThat(reg.get("/v2/team/app/manifests/stable").statusCode()).isEqualTo(200);
        assertThat(reg.get("/v2/team/app/manifests/" + digest).statusCode()).isEqualTo(200);
    }

    @Test
    void deletingABlobThen404() throws Exception {
        Digest d = Digest.of(layer);
        assertThat(reg.delete("/v2/team/app/blobs/" + d).statusCode()).isEqualTo(202);
        var r = reg.get("/v2/team/app/blobs/" + d);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(ConformancePullTest.code(r)).isEqualTo("BLOB_UNKNOWN");
        assertThat(reg.delete("/v2/team/app/blobs/" + d).statusCode()).isEqualTo(404);
    }

    @Test
    void unsupportedMethodsAreRefused() throws Exception {
        var r = reg.send(reg.request("/v2/team/app/tags/list").DELETE());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(ConformancePullTest.code(r)).isEqualTo("UNSUPPORTED");
    }
}
