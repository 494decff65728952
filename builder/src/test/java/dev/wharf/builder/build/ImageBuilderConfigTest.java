package dev.wharf.builder.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.builder.dockerfile.DockerfileException;
import dev.wharf.common.Json;
import dev.wharf.images.blob.BlobStore;
import dev.wharf.images.bootstrap.LayerBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config-only builds (no RUN/COPY): no root or runc needed. The base image comes from an in-memory source. */
class ImageBuilderConfigTest {
    @TempDir
    Path tmp;
    final List<String> requested = new ArrayList<>();
    final List<String> lines = new ArrayList<>();

    private final BaseImageSource fakeBase = (ref, blobs) -> {
        requested.add(ref);
        LayerBuilder.Built layer = new LayerBuilder().file("etc/motd", "base " + ref + "\n", 0644).build(blobs);
        ObjectNode cfg = Json.object();
        cfg.put("architecture", "amd64").put("os", "linux");
        ObjectNode c = cfg.putObject("config");
        c.putArray("Env").add("PATH=/bin");
        c.putArray("Cmd").add("sh");
        cfg.putObject("rootfs").put("type", "layers").putArray("diff_ids").add(layer.diffId());
        cfg.putArray("history").addObject().put("created_by", "base");
        return new BaseImage(ref, "sha256:" + "ab".repeat(32), cfg, List.of(new Layer(layer.descriptor(), layer.diffId())));
    };

    private BuildResult build(String dockerfile, Map<String, String> args, String target) throws IOException {
        ImageBuilder b = new ImageBuilder(tmp.resolve("data"), fakeBase, null, BuildProgress.printing(lines::add), 0);
        return b.build(new BuildRequest(tmp, "Dockerfile", dockerfile, args, target));
    }

    private JsonNode config(BuildResult r) throws IOException {
        return Json.parse(new BlobStore(tmp.resolve("data")).read(r.manifest().config().digest()));
    }

    @Test
    void metadataInstructionsFillTheConfig() throws IOException {
        BuildResult r = build("""
                ARG TAG=1.0
                FROM base:${TAG}
                ARG NAME=demo
                ENV A=1
                ENV A=2 B=$A
                ENV NAME_ENV=${NAME:-none} UNDECLARED=${TAG:-notvisible}
                WORKDIR /srv
                WORKDIR app/$NAME
                USER 1000:1000
                EXPOSE 8080 53/udp
                LABEL "k 1"="v 1" name=$NAME
                STOPSIGNAL SIGQUIT
                VOLUME ["/data"]
                ENTRYPOINT ["/bin/app"]
                HEALTHCHECK NONE
                """, Map.of("NAME", "shop"), null);
        assertThat(requested).containsExactly("base:1.0");
        JsonNode c = config(r).path("config");
        assertThat(c.path("Env").toString()).isEqualTo("[\"PATH=/bin\",\"A=2\",\"B=1\",\"NAME_ENV=shop\",\"UNDECLARED=notvisible\"]");
        assertThat(c.path("WorkingDir").asText()).isEqualTo("/srv/app/shop");
        assertThat(c.path("User").asText()).isEqualTo("1000:1000");
        assertThat(c.path("ExposedPorts").fieldNames()).toIterable().containsExactlyInAnyOrder("8080/tcp", "53/udp");
        assertThat(c.path("Labels").path("k 1").asText()).isEqualTo("v 1");
        assertThat(c.path("Labels").path("name").asText()).isEqualTo("shop");
        assertThat(c.path("StopSignal").asText()).isEqualTo("SIGQUIT");
        assertThat(c.path("Volumes").has("/data")).isTrue();
        assertThat(c.path("Entrypoint").toString()).isEqualTo("[\"/bin/app\"]");
        assertThat(c.has("Cmd")).as("ENTRYPOINT clears an inherited CMD").isFalse();
        assertThat(c.path("Healthcheck").path("Test").toString()).isEqualTo("[\"NONE\"]");
        JsonNode history = config(r).path("history");
        assertThat(history.get(0).path("created_by").asText()).isEqualTo("base");
        assertThat(history.get(1).path("empty_layer").asBoolean()).isTrue();
        assertThat(config(r).path("created").asText()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(r.manifest().layers()).hasSize(1);
    }

    @Test
    void sameInputsSameDigestAndAChangeChangesIt() throws IOException {
        String df = "FROM base\nLABEL v=$V\nARG V\nLABEL w=$V\nCMD echo $V\n";
        BuildResult a = build(df, Map.of("V", "1"), null);
        BuildResult b = build(df, Map.of("V", "1"), null);
        BuildResult c = build(df, Map.of("V", "2", "UNUSED", "x"), null);
        assertThat(lines).contains("WARNING: build-args [UNUSED] were not consumed (no ARG declares them)");
        assertThat(a.digest()).isEqualTo(b.digest()).isNotEqualTo(c.digest());
        JsonNode cfg = config(c).path("config");
        assertThat(cfg.path("Labels").path("v").asText()).as("ARG is not in scope before it is declared").isEmpty();
        assertThat(cfg.path("Labels").path("w").asText()).isEqualTo("2");
        assertThat(cfg.path("Cmd").toString()).isEqualTo("[\"/bin/sh\",\"-c\",\"echo $V\"]");
    }

    @Test
    void targetBuildsOnlyTheStagesItNeeds() throws IOException {
        String df = """
                FROM base AS broken
                RUN exit 1
                FROM base AS ok
                LABEL stage=ok
                FROM ok AS final
                LABEL final=yes
                """;
        BuildResult r = build(df, Map.of(), "ok");
        assertThat(config(r).path("config").path("Labels").has("final")).isFalse();
        assertThat(lines).noneMatch(l -> l.contains("RUN"));
        assertThat(lines).contains("[1/2] FROM base@sha256:" + "ab".repeat(32), "[2/2] LABEL stage=ok");
        BuildResult last = build(df, Map.of(), null);
        assertThat(config(last).path("config").path("Labels").toString()).isEqualTo("{\"stage\":\"ok\",\"final\":\"yes\"}");
    }

    @Test
    void errorsNameTheLine() {
        assertThatThrownBy(() -> build("FROM base\nRUN true\n", Map.of(), null)).isInstanceOf(DockerfileException.class)
                .hasMessage("Dockerfile:2: RUN needs runc and root: runc was not found on this machine");
        assertThatThrownBy(() -> build("FROM base\n\nEXPOSE http\n", Map.of(), null))
                .hasMessageStartingWith("Dockerfile:3: invalid EXPOSE port \"http\"");
        assertThatThrownBy(() -> build("FROM base\nWORKDIR ${MISSING:?set MISSING}\n", Map.of(), null))
                .hasMessage("Dockerfile:2: MISSING: set MISSING");
        assertThatThrownBy(() -> build("FROM base\n", Map.of(), "nope")).hasMessageContaining("target stage \"nope\" could not be found");
        assertThatThrownBy(() -> build("FROM base\nHEALTHCHECK --interval=5x CMD true\n", Map.of(), null))
                .hasMessageStartingWith("Dockerfile:2: invalid duration \"5x\"");
    }

    @Test
    void healthcheckDurations() {
        assertThat(Healthcheck.nanos("1m30s")).isEqualTo(90_000_000_000L);
        assertThat(Healthcheck.nanos("1.5s")).isEqualTo(1_500_000_000L);
        assertThat(Healthcheck.nanos("250ms")).isEqualTo(250_000_000L);
    }
}
