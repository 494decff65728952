package dev.wharf.registry;

import static dev.wharf.registry.ConformancePullTest.code;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.Json;
import dev.wharf.registry.manifest.MediaTypes;
import dev.wharf.registry.storage.Digest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker token auth: challenges, the token endpoint, scopes per repository, anonymous pull, expiry. */
class RegistryAuthTest {
    @TempDir
    Path dir;
    RegistryFixture reg;

    @AfterEach
    void stop() throws Exception {
        reg.close();
    }

    private String token(String basic, String scope) throws Exception {
        reg.auth = basic;
        var r = reg.get("/v2/token?service=wharf-registry&scope=" + scope);
        assertThat(r.statusCode()).isEqualTo(200);
        return "Bearer " + Json.parse(r.body()).path("token").asText();
    }

    @Test
    void pushWithoutTokenGets401WithTheTokenChallenge() throws Exception {
        reg = new RegistryFixture(dir, false);
        reg.auth = null;
        var base = reg.get("/v2/");
        assertThat(base.statusCode()).isEqualTo(401);
        assertThat(base.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"" + reg.base() + "/v2/token\",service=\"wharf-registry\"");
        var push = reg.send(reg.request("/v2/team/app/blobs/uploads/").POST(BodyPublishers.noBody()));
        assertThat(push.statusCode()).isEqualTo(401);
        assertThat(code(push)).isEqualTo("UNAUTHORIZED");
        assertThat(push.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"" + reg.base()
                + "/v2/token\",service=\"wharf-registry\",scope=\"repository:team/app:pull,push\"");
        var pull = reg.get("/v2/team/app/manifests/v1");
        assertThat(pull.statusCode()).isEqualTo(401);
        assertThat(pull.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("scope=\"repository:team/app:pull\"");
    }

    @Test
    void tokenFromBasicCredentialsGrantsTheRequestedScope() throws Exception {
        reg = new RegistryFixture(dir, false);
        reg.auth = token(RegistryFixture.basic("admin", RegistryFixture.TOKEN), "repository:team/app:pull,push");
        assertThat(reg.get("/v2/").statusCode()).isEqualTo(200);
        Digest d = reg.pushBlob("team/app", "x".getBytes(StandardCharsets.UTF_8));
        assertThat(reg.head("/v2/team/app/blobs/" + d).statusCode()).isEqualTo(200);
        var elsewhere = reg.send(reg.request("/v2/other/app/blobs/uploads/").POST(BodyPublishers.noBody()));
        assertThat(elsewhere.statusCode()).isEqualTo(401);
        assertThat(elsewhere.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"insufficient_scope\"");
        var delete = reg.delete("/v2/team/app/blobs/" + d);
        assertThat(delete.statusCode()).isEqualTo(401);
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        reg = new RegistryFixture(dir, false);
        reg.auth = RegistryFixture.basic("admin", "wrong");
        assertThat(reg.get("/v2/token?scope=repository:team/app:pull").statusCode()).isEqualTo(401);
        assertThat(reg.get("/v2/").statusCode()).isEqualTo(401);
        reg.auth = "Bearer not.a.token";
        assertThat(reg.get("/v2/").statusCode()).isEqualTo(401);
    }

    @Test
    void pullOnlyUserCannotPush() throws Exception {
        reg = new RegistryFixture(dir, false);
        Digest cfg = reg.pushBlob("team/app", Images.config("amd64"));
        byte[] m = Images.manifest(Images.config("amd64"));
        reg.putManifest("team/app", "v1", MediaTypes.OCI_MANIFEST, m);

        reg.auth = token(RegistryFixture.basic("reader", "rpass"), "repository:team/app:pull,push");
        assertThat(reg.get("/v2/team/app/manifests/v1").statusCode()).isEqualTo(200);
        assertThat(reg.get("/v2/team/app/blobs/" + cfg).statusCode()).isEqualTo(200);
        var push = reg.send(reg.request("/v2/team/app/blobs/uploads/").POST(BodyPublishers.noBody()));
        assertThat(push.statusCode()).isEqualTo(401);
        assertThat(code(push)).isEqualTo("DENIED");
        var putManifest = reg.putManifest("team/app", "v2", MediaTypes.OCI_MANIFEST, m);
        assertThat(putManifest.statusCode()).isEqualTo(401);

        reg.auth = RegistryFixture.basic("reader", "rpass");
        var basicPush = reg.putManifest("team/app", "v2", MediaTypes.OCI_MANIFEST, m);
        assertThat(basicPush.statusCode()).isEqualTo(403);
        assertThat(code(basicPush)).isEqualTo("DENIED");
        assertThat(reg.get("/v2/other/thing/tags/list").statusCode()).isEqualTo(403);
    }

    @Test
    void tokenExpiresWithTheClock() throws Exception {
        reg = new RegistryFixture(dir, false);
        reg.auth = token(RegistryFixture.basic("admin", RegistryFixture.TOKEN), "repository:team/app:pull");
        assertThat(reg.get("/v2/").statusCode()).isEqualTo(200);
        reg.clock.advance(Duration.ofMinutes(6));
        assertThat(reg.get("/v2/").statusCode()).isEqualTo(401);
    }

    @Test
    void anonymousPullWhenSwitchedOn() throws Exception {
        reg = new RegistryFixture(dir, true);
        byte[] cfg = Images.config("amd64");
        reg.pushBlob("team/app", cfg);
        reg.putManifest("team/app", "v1", MediaTypes.OCI_MANIFEST, Images.manifest(cfg));
        reg.auth = null;
        assertThat(reg.get("/v2/team/app/manifests/v1").statusCode()).isEqualTo(200);
        assertThat(reg.send(reg.request("/v2/team/app/blobs/uploads/").POST(BodyPublishers.noBody())).statusCode()).isEqualTo(401);
        String anon = token(null, "repository:team/app:pull,push");
        reg.auth = anon;
        assertThat(reg.get("/v2/team/app/tags/list").statusCode()).isEqualTo(200);
        assertThat(reg.send(reg.request("/v2/team/app/blobs/uploads/").POST(BodyPublishers.noBody())).statusCode()).isEqualTo(401);
    }

    @Test
    void aRefusedUploadIsAnsweredBeforeItsBodyAndTheConnectionClosed() throws Exception {
        reg = new RegistryFixture(dir, false);
        reg.auth = null;
        byte[] big = new byte[8 << 20];
        var r = reg.send(reg.request("/v2/team/app/blobs/uploads/?digest=" + Digest.of(big)).POST(BodyPublishers.ofByteArray(big)));
        assertThat(r.statusCode()).isEqualTo(401);
    }
}
