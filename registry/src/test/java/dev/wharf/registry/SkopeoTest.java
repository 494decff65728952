package dev.wharf.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.common.Json;
import dev.wharf.registry.storage.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's skopeo against a started registry: push, inspect, list-tags, pull back, delete, auth refusals. */
class SkopeoTest {
    static final String ADMIN = "admin:" + RegistryFixture.TOKEN;
    @TempDir
    Path dir;
    RegistryFixture reg;
    String ref;

    @BeforeEach
    void start() throws Exception {
        Tools.require("skopeo");
        reg = new RegistryFixture(dir.resolve("data"), false);
        ref = "docker://127.0.0.1:" + reg.server.port() + "/team/app";
    }

    @AfterEach
    void stop() throws Exception {
        if (reg != null) {
            reg.close();
        }
    }

    @Test
    void twoPlatformIndexRoundTripsWithIdenticalDigests() throws Exception {
        Path layout = dir.resolve("in");
        byte[] index = new OciLayout(layout).writeTwoPlatformIndex("1", 300_000);
        Tools.ok(dir, Tools.skopeo("copy", "--all", "--dest-creds", ADMIN, "--dest-tls-verify=false",
                "oci:" + layout + ":1", ref + ":1"));

        String raw = Tools.ok(dir, Tools.skopeo("inspect", "--raw", "--tls-verify=false", "--creds", ADMIN, ref + ":1"));
        assertThat(Digest.of(raw.trim())).isEqualTo(Digest.of(index));
        JsonNode inspect = Json.parse(Tools.ok(dir, Tools.skopeo("inspect", "--tls-verify=false", "--creds", ADMIN,
                "--override-arch", "arm64", ref + ":1")));
        assertThat(inspect.path("Architecture").asText()).isEqualTo("arm64");
        assertThat(inspect.path("Layers")).hasSize(2);
        JsonNode tags = Json.parse(Tools.ok(dir, Tools.skopeo("list-tags", "--tls-verify=false", "--creds", ADMIN, ref)));
        assertThat(tags.path("Tags").toString()).isEqualTo("[\"1\"]");

        Path out = dir.resolve("out");
        Tools.ok(dir, Tools.skopeo("copy", "--all", "--src-creds", ADMIN, "--src-tls-verify=false", ref + ":1", "oci:" + out + ":1"));
        JsonNode outIndex = Json.parse(Files.readAllBytes(out.resolve("index.json")));
        assertThat(outIndex.path("manifests").get(0).path("digest").asText()).isEqualTo(Digest.of(index).toString());
        try (var blobs = Files.list(layout.resolve("blobs/sha256"))) {
            for (Path b : blobs.toList()) {
                assertThat(Files.readAllBytes(out.resolve("blobs/sha256").resolve(b.getFileName()))).isEqualTo(Files.readAllBytes(b));
            }
        }

        Tools.ok(dir, Tools.skopeo("copy", "--all", "--dest-creds", ADMIN, "--dest-tls-verify=false",
                "oci:" + layout + ":1", "docker://127.0.0.1:" + reg.server.port() + "/team/copy:1"));
        Tools.ok(dir, Tools.skopeo("delete", "--tls-verify=false", "--creds", ADMIN, ref + "@" + Digest.of(index)));
        assertThat(reg.get("/v2/team/app/manifests/1").statusCode()).isEqualTo(404);
        assertThat(reg.get("/v2/team/app/manifests/" + Digest.of(index)).statusCode()).isEqualTo(404);
        assertThat(reg.get("/v2/team/copy/manifests/1").statusCode()).isEqualTo(200);
    }

    @Test
    void umociImageWithoutMediaTypeInTheManifest() throws Exception {
        Tools.require("umoci");
        Tools.ok(dir, "umoci", "init", "--layout", "oci");
        Tools.ok(dir, "umoci", "new", "--image", "oci:1");
        Tools.ok(dir, Tools.skopeo("copy", "--dest-creds", ADMIN, "--dest-tls-verify=false", "oci:oci:1", ref + ":u"));
        JsonNode inspect = Json.parse(Tools.ok(dir, Tools.skopeo("inspect", "--tls-verify=false", "--creds", ADMIN, ref + ":u")));
        assertThat(inspect.path("Digest").asText()).startsWith("sha256:");
        Tools.ok(dir, Tools.skopeo("copy", "--src-creds", ADMIN, "--src-tls-verify=false", ref + ":u", "oci:back:u"));
    }

    @Test
    void pushWithoutCredentialsOrWithPullOnlyCredentialsFails() throws Exception {
        Path layout = dir.resolve("in");
        new OciLayout(layout).writeTwoPlatformIndex("1", 1000);
        var anonymous = Tools.run(dir, Tools.skopeo("copy", "--all", "--dest-tls-verify=false", "oci:" + layout + ":1", ref + ":1"));
        assertThat(anonymous.exit()).isNotZero();
        assertThat(anonymous.output()).containsPattern("(?i)unauthorized|denied");
        var reader = Tools.run(dir, Tools.skopeo("copy", "--all", "--dest-creds", "reader:rpass", "--dest-tls-verify=false",
                "oci:" + layout + ":1", ref + ":1"));
        assertThat(reader.exit()).isNotZero();
        assertThat(reg.get("/v2/team/app/tags/list").statusCode()).isEqualTo(404);
    }
}
