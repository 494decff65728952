package dev.wharf.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.Json;
import dev.wharf.images.blob.BlobStore;
import dev.wharf.images.bootstrap.ImageAssembler;
import dev.wharf.images.oci.Digests;
import dev.wharf.images.oci.Manifest;
import dev.wharf.images.store.NodeImageStore;
import dev.wharf.spi.image.Image;
import dev.wharf.spi.image.ImagePullException;
import dev.wharf.spi.image.ImageRef;
import dev.wharf.spi.image.ImageStore;
import dev.wharf.spi.image.PullListener;
import dev.wharf.spi.image.PullPolicy;
import dev.wharf.spi.image.RootFs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportAndGcTest {
    @TempDir
    Path tmp;

    @Test
    void importsAnOciLayoutDirectoryAndTar() throws IOException {
        BlobStore src = new BlobStore(tmp.resolve("src"));
        Manifest m = TinyImages.image(src, "one");
        Path layout = tmp.resolve("one");
        ImageAssembler.writeLayout(layout, m, src, "1", "127.0.0.1:5000/team/one:1");

        NodeImageStore store = TestStores.store(tmp.resolve("node"));
        List<Image> imported = store.importArchive(layout);
        assertThat(imported).singleElement().satisfies(i -> {
            assertThat(i.manifestDigest()).isEqualTo(m.digest());
            assertThat(i.repoTags()).containsExactly("127.0.0.1:5000/team/one:1");
            assertThat(i.config().workingDir()).isEqualTo("/app");
            assertThat(i.config().user()).isEqualTo("1000:1000");
        });
        RootFs rootfs = store.rootfs(ImageRef.parse("127.0.0.1:5000/team/one:1"));
        assertThat(rootfs.layers()).hasSize(2);
        assertThat(rootfs.layers().get(1).resolve("app/one.txt")).hasContent("hello one");
        assertThat(rootfs.config().cmd()).containsExactly("-c", "cat /app/current");

        Path tar = tmp.resolve("one-layout.tar");
        tarDirectory(layout, tar);
        NodeImageStore other = TestStores.store(tmp.resolve("node2"));
        assertThat(other.importArchive(tar)).singleElement().extracting(Image::id).isEqualTo(imported.get(0).id());
    }

    @Test
    void importsADockerArchive() throws IOException {
        BlobStore src = new BlobStore(tmp.resolve("src"));
        Manifest m = TinyImages.image(src, "dock");
        Path tar = tmp.resolve("dock.tar");
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
            List<String> layerNames = new java.util.ArrayList<>();
            for (int i = 0; i < m.layers().size(); i++) {
                byte[] plain;
                try (var gz = new GzipCompressorInputStream(Files.newInputStream(src.path(m.layers().get(i).digest())))) {
                    plain = gz.readAllBytes();
                }
                String name = "layer" + i + "/layer.tar";
                layerNames.add(name);
                put(out, name, plain);
            }
            put(out, "cfg.json", src.read(m.config().digest()));
            var manifest = Json.MAPPER.createArrayNode().addObject();
            manifest.put("Config", "cfg.json");
            manifest.putArray("RepoTags").add("team/dock:7");
            layerNames.forEach(manifest.putArray("Layers")::add);
            put(out, "manifest.json", Json.bytes(Json.MAPPER.createArrayNode().add(manifest)));
        }
        NodeImageStore store = TestStores.store(tmp.resolve("node"));
        Image img = store.importArchive(tar).get(0);
        assertThat(img.id()).isEqualTo(m.config().digest());
        assertThat(img.repoTags()).containsExactly("docker.io/team/dock:7");
        assertThat(store.rootfs(ImageRef.parse("team/dock:7")).layers().get(1).resolve("app/dock.txt")).hasContent("hello dock");
    }

    @Test
    void rejectsALayoutWithACorruptBlob() throws IOException {
        BlobStore src = new BlobStore(tmp.resolve("src"));
        Manifest m = TinyImages.image(src, "bad");
        Path layout = tmp.resolve("bad");
        ImageAssembler.writeLayout(layout, m, src, "1", "bad:1");
        Path layer = layout.resolve("blobs/sha256").resolve(Digests.hex(m.layers().get(1).digest()));
        Files.delete(layer);
        Files.write(layer, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> TestStores.store(tmp.resolve("node")).importArchive(layout)).hasMessageContaining("digest mismatch");
    }

    @Test
    void gcRemovesUnusedImagesAndUnreferencedLayersOnly() throws IOException {
        BlobStore src = new BlobStore(tmp.resolve("src"));
        NodeImageStore store = TestStores.store(tmp.resolve("node"));
        for (String name : List.of("keep", "drop")) {
            Path layout = tmp.resolve(name);
            ImageAssembler.writeLayout(layout, TinyImages.image(src, name), src, "1", "app/" + name + ":1");
            store.importArchive(layout);
        }
        assertThat(layerDirs()).hasSize(3);

        ImageStore.GcResult r = store.gc(Set.of("app/keep:1"));

        assertThat(r.removedImages()).containsExactly("docker.io/app/drop:1");
        assertThat(r.removedLayers()).isEqualTo(1);
        assertThat(r.freedBytes()).isPositive();
        assertThat(store.list()).singleElement().satisfies(i -> assertThat(i.repoTags()).containsExactly("docker.io/app/keep:1"));
        assertThat(layerDirs()).hasSize(2);
        assertThat(store.rootfs(ImageRef.parse("app/keep:1")).layers()).allMatch(Files::isDirectory);
        // survives a restart
        assertThat(TestStores.store(tmp.resolve("node")).list()).hasSize(1);
    }

    @Test
    void removeUntagsThenDeletes() throws IOException {
        BlobStore src = new BlobStore(tmp.resolve("src"));
        NodeImageStore store = TestStores.store(tmp.resolve("node"));
        Path layout = tmp.resolve("x");
        ImageAssembler.writeLayout(layout, TinyImages.image(src, "x"), src, "1", "app/x:1");
        Image img = store.importArchive(layout).get(0);
        assertThat(store.get(ImageRef.parse("app/x@" + img.manifestDigest()))).isPresent();
        assertThat(store.remove(ImageRef.parse("app/x:1"))).isTrue();
        assertThat(store.list()).isEmpty();
        assertThat(store.remove(ImageRef.parse("app/x:1"))).isFalse();
    }

    @Test
    void neverPolicyFailsWhenAbsentAndIfNotPresentUsesTheLocalImage() throws IOException {
        NodeImageStore store = TestStores.store(tmp.resolve("node"));
        assertThatThrownBy(() -> store.pull(ImageRef.parse("127.0.0.1:1/none:1"), PullPolicy.NEVER, List.of(), PullListener.NONE))
                .isInstanceOfSatisfying(ImagePullException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImagePullException.Reason.ErrImageNeverPull))
                .hasMessageContaining("is not present with pull policy of Never");
        BlobStore src = new BlobStore(tmp.resolve("src"));
        Path layout = tmp.resolve("x");
        ImageAssembler.writeLayout(layout, TinyImages.image(src, "x"), src, "1", "127.0.0.1:1/x:1");
        store.importArchive(layout);
        // port 1 refuses connections: IfNotPresent never asks, Always falls back to the local copy when unreachable
        assertThat(store.pull(ImageRef.parse("127.0.0.1:1/x:1"), PullPolicy.IF_NOT_PRESENT, List.of(), PullListener.NONE)).isNotNull();
        assertThat(store.pull(ImageRef.parse("127.0.0.1:1/x:1"), PullPolicy.ALWAYS, List.of(), PullListener.NONE)).isNotNull();
        assertThatThrownBy(() -> store.pull(ImageRef.parse("127.0.0.1:1/y:1"), PullPolicy.ALWAYS, List.of(), PullListener.NONE))
                .isInstanceOf(ImagePullException.class).hasMessageContaining("127.0.0.1:1");
    }

    private List<Path> layerDirs() throws IOException {
        try (Stream<Path> s = Files.list(tmp.resolve("node/layers"))) {
            return s.filter(Files::isDirectory).toList();
        }
    }

    private static void put(TarArchiveOutputStream out, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        out.putArchiveEntry(e);
        new ByteArrayInputStream(content).transferTo(out);
        out.closeArchiveEntry();
    }

    static void tarDirectory(Path dir, Path tar) throws IOException {
        try (OutputStream os = Files.newOutputStream(tar); TarArchiveOutputStream out = new TarArchiveOutputStream(os);
             Stream<Path> walk = Files.walk(dir)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                put(out, dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
    }
}
