package dev.wharf.builder.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.builder.cli.ImageBuildCommand;
import dev.wharf.builder.dockerfile.DockerfileException;
import dev.wharf.builder.run.RuncRunner;
import dev.wharf.common.Randoms;
import dev.wharf.images.blob.BlobStore;
import dev.wharf.images.oci.Manifest;
import dev.wharf.images.registry.RegistryClient;
import dev.wharf.images.registry.RegistryOptions;
import dev.wharf.registry.RegistryConfig;
import dev.wharf.registry.RegistryServer;
import dev.wharf.registry.auth.RegistryAuth;
import dev.wharf.spi.image.ImageRef;
import dev.wharf.spi.image.RegistryCredentials;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Real builds: RUN steps in runc on overlayfs, pushed to Wharf's registry. Needs root and runc; skips without
 * them unless CI=true, where it fails.
 */
class ImageBuilderRuncTest {
    private static final String TOKEN = "build-admin-token";
    private static final Path RUNC = Path.of("/usr/sbin/runc");
    private static final String DOCKERFILE = """
            ARG BASE
            FROM ${BASE} AS build
            ARG GREETING=hello
            WORKDIR /work
            COPY --chown=app:app src/ ./src/
            RUN echo "$GREETING from build" > out.txt && rm /etc/old.conf \\
                && rm -rf /data && mkdir /data && touch /data/b && id -u > uid.txt
            USER app
            RUN id -u > /tmp/who

            FROM ${BASE}
            ENV APP_HOME=/app
            WORKDIR $APP_HOME
            COPY --from=build /work/out.txt ./
            COPY --chown=1000:1000 hello.txt .
            ADD bundle.tar /opt/
            LABEL version=1 name="demo app"
            EXPOSE 8080
            STOPSIGNAL SIGINT
            HEALTHCHECK --interval=5s CMD cat out.txt
            CMD ["cat", "out.txt"]
            """;

    @TempDir
    static Path tmp;
    static RegistryServer registry;
    static String base;
    static RegistryClient client;
    static RegistryCredentials creds;

    @BeforeAll
    static void startRegistryWithBusybox() throws Exception {
        boolean ok = Files.isExecutable(RUNC) && "root".equals(System.getProperty("user.name"));
        if (!ok && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("runc and root are required under CI=true");
        }
        assumeTrue(ok, "needs root and runc");
        registry = new RegistryServer(RegistryConfig.defaults(tmp.resolve("registry")).withAuth(RegistryAuth.admin(TOKEN), false));
        registry.start();
        String host = "127.0.0.1:" + registry.port();
        creds = new RegistryCredentials(host, "admin", TOKEN);
        client = new RegistryClient(RegistryOptions.defaults());
        BlobStore seed = new BlobStore(tmp.resolve("seed"));
        Manifest busybox = BusyboxImage.assemble(seed);
        client.push(busybox, seed, ImageRef.parse(host + "/library/busybox:1"), creds);
        base = host + "/library/busybox:1";
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.stop();
        }
    }

    private static Path context() throws IOException {
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(ctx.resolve("Dockerfile"), DOCKERFILE);
        Files.writeString(ctx.resolve(".dockerignore"), "*.tmp\nsrc/**/*.tmp\n");
        Files.createDirectories(ctx.resolve("src/sub"));
        Files.writeString(ctx.resolve("src/a.txt"), "a\n");
        Files.writeString(ctx.resolve("src/sub/c.txt"), "c\n");
        Files.writeString(ctx.resolve("src/b.tmp"), "ignored\n");
        Files.writeString(ctx.resolve("hello.txt"), "hello\n");
        Files.createSymbolicLink(ctx.resolve("src/link.txt"), Path.of("a.txt"));
        try (OutputStream out = Files.newOutputStream(ctx.resolve("bundle.tar"));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            byte[] data = "from the archive\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry("lib/tool.txt");
            e.setSize(data.length);
            e.setMode(0100644);
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        return ctx;
    }

    private static ImageBuilder builder(Path data, List<String> lines) throws IOException {
        return new ImageBuilder(data, new RegistryBaseImageSource(client, h -> creds),
                new RuncRunner(RUNC, data, Randoms.seeded(1)), BuildProgress.printing(lines::add), 0);
    }

    private static BuildRequest request(Path ctx, String target) throws IOException {
        return new BuildRequest(ctx, "Dockerfile", Files.readString(ctx.resolve("Dockerfile")), Map.of("BASE", base), target);
    }

    @Test
    void buildsRebuildsFromCacheAndPushes() throws Exception {
        Path ctx = context();
        Path data = tmp.resolve("data/builder");
        List<String> lines = new ArrayList<>();
        ImageBuilder b = builder(data, lines);
        BuildResult first = b.build(request(ctx, null));
        BlobStore blobs = b.blobs();
        Manifest m = first.manifest();

        // build stage: COPY --chown by name, RUN with whiteouts and an opaque directory, USER for RUN
        BuildResult buildStage = b.build(request(ctx, "build"));
        var copyLayer = Layers.read(blobs, buildStage.manifest().layers().get(1));
        assertThat(copyLayer).containsKeys("work/src/a.txt", "work/src/sub/c.txt").doesNotContainKey("work/src/b.tmp");
        assertThat(copyLayer.get("work/src/link.txt").header().isSymbolicLink()).as("links inside a copied dir stay links").isTrue();
        assertThat(copyLayer.get("work/src/a.txt").header().getLongUserId()).isEqualTo(1000);
        assertThat(copyLayer.get("work/src/a.txt").header().getModTime().getTime()).isZero();
        var runLayer = Layers.read(blobs, buildStage.manifest().layers().get(2));
        assertThat(runLayer).containsKeys("etc/.wh.old.conf", "data/.wh..wh..opq", "data/b");
        assertThat(runLayer.get("work/out.txt").content()).isEqualTo("hello from build\n");
        assertThat(runLayer.get("work/uid.txt").content()).isEqualTo("0\n");
        assertThat(runLayer.keySet()).noneMatch(k -> k.startsWith("proc") || k.startsWith("dev") || k.equals("etc/hosts"));
        var userLayer = Layers.read(blobs, buildStage.manifest().layers().get(3));
        assertThat(userLayer.get("tmp/who").content()).isEqualTo("1000\n");

        // final stage: COPY --from, COPY --chown numeric, ADD archive, config
        assertThat(m.layers()).hasSize(4);
        assertThat(Layers.read(blobs, m.layers().get(1)).get("app/out.txt").content()).isEqualTo("hello from build\n");
        var hello = Layers.read(blobs, m.layers().get(2)).get("app/hello.txt");
        assertThat(hello.header().getLongUserId()).isEqualTo(1000);
        assertThat(Layers.read(blobs, m.layers().get(3)).get("opt/lib/tool.txt").content()).isEqualTo("from the archive\n");
        JsonNode cfg = Layers.config(blobs, m);
        JsonNode c = cfg.path("config");
        assertThat(c.path("Env").toString()).contains("APP_HOME=/app");
        assertThat(c.path("WorkingDir").asText()).isEqualTo("/app");
        assertThat(c.path("Cmd").toString()).isEqualTo("[\"cat\",\"out.txt\"]");
        assertThat(c.path("Labels").path("name").asText()).isEqualTo("demo app");
        assertThat(c.path("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(c.path("StopSignal").asText()).isEqualTo("SIGINT");
        assertThat(c.path("Healthcheck").path("Test").toString()).isEqualTo("[\"CMD-SHELL\",\"cat out.txt\"]");
        assertThat(c.path("Healthcheck").path("Interval").asLong()).isEqualTo(5_000_000_000L);
        assertThat(cfg.path("rootfs").path("diff_ids")).hasSize(4);
        assertThat(cfg.path("history").size()).isGreaterThan(8);
        assertThat(lines).anyMatch(l -> l.matches("\\[\\d+/\\d+\\] RUN echo .*"));

        // no change: every layer step is CACHED and the digest is the same
        List<String> again = new ArrayList<>();
        BuildResult second = builder(data, again).build(request(ctx, null));
        assertThat(second.digest()).isEqualTo(first.digest());
        assertThat(again).filteredOn(l -> l.contains("RUN ") || l.contains("COPY ") || l.contains("ADD "))
                .isNotEmpty().allMatch(l -> l.startsWith("CACHED ["));
        assertThat(again).noneMatch(l -> l.startsWith("  | "));

        // reproducible: a fresh data dir (no cache) gives the same image digest
        BuildResult fresh = builder(tmp.resolve("elsewhere"), new ArrayList<>()).build(request(ctx, null));
        assertThat(fresh.digest()).isEqualTo(first.digest());

        // a changed input rebuilds that step only
        Files.writeString(ctx.resolve("hello.txt"), "hello again\n");
        List<String> third = new ArrayList<>();
        BuildResult changed = builder(data, third).build(request(ctx, null));
        assertThat(changed.digest()).isNotEqualTo(first.digest());
        assertThat(third).anyMatch(l -> l.matches("\\[\\d+/\\d+\\] COPY --chown=1000:1000 hello.txt .*"))
                .anyMatch(l -> l.startsWith("CACHED [") && l.contains("RUN "));
        Files.writeString(ctx.resolve("hello.txt"), "hello\n");

        // push through the CLI (cached build) and check the manifest is served
        String target = "127.0.0.1:" + registry.port() + "/team/app:1";
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ImageBuildCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int rc = cli.execute("-t", target, "--push", "--creds", "admin:" + TOKEN, "--build-arg", "BASE=" + base,
                "--data-dir", tmp.resolve("data").toString(), "--runc", RUNC.toString(), ctx.toString());
        assertThat(rc).as(err.toString()).isZero();
        List<String> printed = out.toString().lines().toList();
        assertThat(printed.getLast()).isEqualTo(first.digest());
        assertThat(printed).anyMatch(l -> l.startsWith("pushed ")).anyMatch(l -> l.startsWith("CACHED ["));
        HttpResponse<byte[]> manifest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://" + target.replace("/team/app:1", "/v2/team/app/manifests/1")))
                .header("Accept", "application/vnd.oci.image.manifest.v1+json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + TOKEN).getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.headers().firstValue("Docker-Content-Digest")).contains(first.digest());
        assertThat(Files.exists(tmp.resolve("data/builder/layouts/team_app_1/index.json"))).isTrue();
    }

    @Test
    void failingRunNamesTheLineAndExitCode() throws Exception {
        Path ctx = Files.createDirectories(tmp.resolve("fail"));
        String df = "FROM " + base + "\nRUN echo before\nRUN exit 3\n";
        List<String> lines = new ArrayList<>();
        assertThatThrownBy(() -> builder(tmp.resolve("data2"), lines).build(new BuildRequest(ctx, "Dockerfile", df, Map.of(), null)))
                .isInstanceOf(DockerfileException.class).hasMessage("Dockerfile:3: RUN exit 3 returned a non-zero code: 3");
        assertThat(lines).contains("  | before");
    }

    @Test
    void runHasNoNetworkButLoopback() throws Exception {
        Path ctx = Files.createDirectories(tmp.resolve("net"));
        String df = "FROM " + base + "\nRUN ls /sys/class/net > /net.txt\n";
        ImageBuilder b = builder(tmp.resolve("data3"), new ArrayList<>());
        BuildResult r = b.build(new BuildRequest(ctx, "Dockerfile", df, Map.of(), null));
        assertThat(Layers.read(b.blobs(), r.manifest().layers().get(1)).get("net.txt").content()).isEqualTo("lo\n");
    }

    @Test
    void clearsWhatAKilledBuildLeft() throws Exception {
        Path data = tmp.resolve("data5");
        Path stale = Files.createDirectories(data.resolve("step-stale"));
        Files.createDirectories(stale.resolve("lower"));
        dev.wharf.builder.fs.Overlay.mount(List.of(stale.resolve("lower"), Files.createDirectories(stale.resolve("lower2"))),
                stale.resolve("u"), stale.resolve("w"), stale.resolve("m"));
        Path ctx = Files.createDirectories(tmp.resolve("stale-ctx"));
        builder(data, new ArrayList<>()).build(new BuildRequest(ctx, "Dockerfile", "FROM " + base + "\nLABEL a=b\n", Map.of(), null));
        assertThat(stale).doesNotExist();
        assertThat(Files.readString(Path.of("/proc/self/mounts"))).doesNotContain(stale.toString());
    }

    @Test
    void copyFollowsATopLevelSymlinkAndCopiesFromAnImage() throws Exception {
        Path ctx = Files.createDirectories(tmp.resolve("links"));
        Files.writeString(ctx.resolve("real.txt"), "real\n");
        Files.createSymbolicLink(ctx.resolve("link.txt"), Path.of("real.txt"));
        Files.createSymbolicLink(ctx.resolve("escape.txt"), Path.of("/etc/hostname"));
        ImageBuilder b = builder(tmp.resolve("data6"), new ArrayList<>());
        BuildResult r = b.build(new BuildRequest(ctx, "Dockerfile", "FROM " + base + "\nCOPY link.txt /x/\n", Map.of(), null));
        var layer = Layers.read(b.blobs(), r.manifest().layers().get(1));
        assertThat(layer.get("x/link.txt").content()).isEqualTo("real\n");
        BuildResult fromImage = b.build(new BuildRequest(ctx, "Dockerfile",
                "FROM scratch\nCOPY --from=" + base + " /etc/old.conf /old.conf\n", Map.of(), null));
        assertThat(Layers.read(b.blobs(), fromImage.manifest().layers().getFirst()).get("old.conf").content()).isEqualTo("to be deleted\n");
        assertThatThrownBy(() -> b.build(new BuildRequest(ctx, "Dockerfile", "FROM " + base + "\nCOPY escape.txt /y\n", Map.of(), null)))
                .hasMessageStartingWith("Dockerfile:2: COPY failed: \"escape.txt\" is a symlink to a missing file");
    }

    @Test
    void addUrlIsRefused() throws Exception {
        Path ctx = Files.createDirectories(tmp.resolve("url"));
        String df = "FROM " + base + "\nADD https://example.com/x.tar /x\n";
        assertThatThrownBy(() -> builder(tmp.resolve("data4"), new ArrayList<>()).build(new BuildRequest(ctx, "Dockerfile", df, Map.of(), null)))
                .hasMessageStartingWith("Dockerfile:2: ADD from a URL is not supported");
    }
}
