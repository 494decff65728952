package dev.wharf.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.registry.manifest.MediaTypes;
import dev.wharf.registry.storage.Digest;
import dev.wharf.registry.storage.GarbageCollector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GarbageCollectorTest {
    @TempDir
    Path dir;
    RegistryFixture reg;
    byte[] keptLayer = "kept".getBytes(StandardCharsets.UTF_8);
    byte[] orphan = "orphan".getBytes(StandardCharsets.UTF_8);
    byte[] oldLayer = "old".getBytes(StandardCharsets.UTF_8);
    byte[] config = Images.config("amd64");
    byte[] current = Images.manifest(config, keptLayer);
    byte[] previous = Images.manifest(config, oldLayer);

    @BeforeEach
    void push() throws Exception {
        reg = new RegistryFixture(dir, false);
        for (byte[] b : new byte[][] {keptLayer, orphan, oldLayer, config}) {
            reg.pushBlob("team/app", b);
        }
        reg.putManifest("team/app", "v1", MediaTypes.OCI_MANIFEST, previous);
        reg.putManifest("team/app", "v1", MediaTypes.OCI_MANIFEST, current);
        // the blobs were written a day before the manual clock's now
        FileTime dayBefore = FileTime.from(reg.clock.now().minus(Duration.ofDays(1)));
        try (Stream<Path> files = Files.walk(dir.resolve("blobs"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(f, dayBefore);
            }
        }
    }

    @AfterEach
    void stop() throws Exception {
        reg.close();
    }

    @Test
    void dryRunListsAndDeletesNothing() throws Exception {
        var report = reg.server.garbageCollector().run(new GarbageCollector.Options(true, false, Duration.ZERO));
        assertThat(report.blobs()).containsExactly(Digest.of(orphan));
        assertThat(reg.head("/v2/team/app/blobs/" + Digest.of(orphan)).statusCode()).isEqualTo(200);
    }

    @Test
    void sweepKeepsEveryManifestsBlobs() throws Exception {
        var report = reg.server.garbageCollector().run(new GarbageCollector.Options(false, false, Duration.ZERO));
        assertThat(report.blobs()).containsExactly(Digest.of(orphan));
        assertThat(report.bytes()).isEqualTo(orphan.length);
        assertThat(reg.head("/v2/team/app/blobs/" + Digest.of(orphan)).statusCode()).isEqualTo(404);
        assertThat(reg.get("/v2/team/app/manifests/" + Digest.of(previous)).statusCode()).isEqualTo(200);
        assertThat(reg.head("/v2/team/app/blobs/" + Digest.of(oldLayer)).statusCode()).isEqualTo(200);
    }

    @Test
    void deleteUntaggedAlsoRemovesManifestsNoTagReaches() throws Exception {
        var report = reg.server.garbageCollector().run(new GarbageCollector.Options(false, true, Duration.ZERO));
        assertThat(report.manifests()).containsExactly("team/app@" + Digest.of(previous));
        assertThat(report.blobs()).contains(Digest.of(orphan), Digest.of(oldLayer), Digest.of(previous))
                .doesNotContain(Digest.of(keptLayer), Digest.of(current), Digest.of(config));
        assertThat(reg.get("/v2/team/app/manifests/v1").statusCode()).isEqualTo(200);
        assertThat(reg.get("/v2/team/app/manifests/" + Digest.of(previous)).statusCode()).isEqualTo(404);
    }

    @Test
    void blobsYoungerThanTheGracePeriodSurvive() throws Exception {
        Path orphanFile = dir.resolve("blobs/sha256/" + Digest.of(orphan).hex().substring(0, 2) + "/" + Digest.of(orphan).hex());
        Files.setLastModifiedTime(orphanFile, FileTime.from(reg.clock.now().minus(Duration.ofMinutes(10))));
        var young = reg.server.garbageCollector().run(new GarbageCollector.Options(false, false, Duration.ofHours(1)));
        assertThat(young.blobs()).isEmpty();
        reg.clock.advance(Duration.ofHours(1));
        var old = reg.server.garbageCollector().run(new GarbageCollector.Options(false, false, Duration.ofHours(1)));
        assertThat(old.blobs()).containsExactly(Digest.of(orphan));
    }

    @Test
    void retentionKeepsTheNewestTagsAndCollectsWhatTheOthersHeld() throws Exception {
        String[] tags = {"a", "b", "c", "d"};
        for (int i = 0; i < tags.length; i++) {
            byte[] layer = ("layer-" + tags[i]).getBytes(StandardCharsets.UTF_8);
            reg.pushBlob("team/svc", layer);
            reg.pushBlob("team/svc", config);
            reg.putManifest("team/svc", tags[i], MediaTypes.OCI_MANIFEST, Images.manifest(config, layer));
            Path tagFile = dir.resolve("repositories/team/svc/_tags/" + tags[i]);
            Files.setLastModifiedTime(tagFile, FileTime.from(reg.clock.now().minus(Duration.ofHours(10 - i))));
        }
        try (Stream<Path> files = Files.walk(dir.resolve("blobs"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(f, FileTime.from(reg.clock.now().minus(Duration.ofDays(1))));
            }
        }
        var rules = java.util.List.of(new GarbageCollector.Retention("team/svc", 2));
        var dry = reg.server.garbageCollector().run(new GarbageCollector.Options(true, true, Duration.ZERO, rules));
        assertThat(dry.tags()).containsExactlyInAnyOrder("team/svc:a", "team/svc:b");
        assertThat(dry.blobs()).contains(Digest.of("layer-a"), Digest.of("layer-b")).doesNotContain(Digest.of("layer-c"));
        assertThat(reg.get("/v2/team/svc/manifests/a").statusCode()).isEqualTo(200);

        var real = reg.server.garbageCollector().run(new GarbageCollector.Options(false, true, Duration.ZERO, rules));
        assertThat(real.blobs()).isEqualTo(dry.blobs());
        assertThat(reg.get("/v2/team/svc/manifests/a").statusCode()).isEqualTo(404);
        assertThat(reg.get("/v2/team/svc/manifests/d").statusCode()).isEqualTo(200);
        assertThat(reg.head("/v2/team/svc/blobs/" + Digest.of("layer-c")).statusCode()).isEqualTo(200);
        assertThat(reg.get("/v2/team/app/manifests/v1").statusCode()).isEqualTo(200);
    }

    @Test
    void abandonedUploadsAreSweptAfterTheGracePeriod() throws Exception {
        var post = reg.send(reg.request("/v2/team/app/blobs/uploads/").POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        String id = post.headers().firstValue("Docker-Upload-UUID").orElseThrow();
        try (Stream<Path> files = Files.walk(dir.resolve("uploads"))) {
            for (Path f : files.toList()) {
                Files.setLastModifiedTime(f, FileTime.from(reg.clock.now().minus(Duration.ofHours(2))));
            }
        }
        var report = reg.server.garbageCollector().run(new GarbageCollector.Options(false, false, Duration.ofHours(1)));
        assertThat(report.staleUploads()).containsExactly("uploads/" + id);
        assertThat(dir.resolve("uploads/" + id)).doesNotExist();
        assertThat(reg.get("/v2/team/app/blobs/uploads/" + id).statusCode()).isEqualTo(404);
    }
}
