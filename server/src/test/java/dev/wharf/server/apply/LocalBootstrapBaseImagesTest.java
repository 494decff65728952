package dev.wharf.server.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.builder.build.BaseImage;
import dev.wharf.builder.build.BaseImageSource;
import dev.wharf.common.ManualClock;
import dev.wharf.images.blob.BlobStore;
import dev.wharf.images.bootstrap.ImageAssembler;
import dev.wharf.images.bootstrap.LayerBuilder;
import dev.wharf.images.oci.Manifest;
import dev.wharf.images.registry.RegistryClient;
import dev.wharf.images.registry.RegistryOptions;
import dev.wharf.images.store.NodeImageStore;
import dev.wharf.spi.image.ImageConfig;
import dev.wharf.spi.image.ImageRef;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBootstrapBaseImagesTest {
    @TempDir
    Path tmp;

    final ManualClock clock = new ManualClock();
    final List<String> said = new ArrayList<>();
    int registryLooks;

    final BaseImageSource emptyRegistry = (reference, blobs) -> {
        registryLooks++;
        throw new IOException("manifest unknown: " + reference);
    };

    LocalBootstrapBaseImages source(BaseImageSource registry, LocalBootstrapBaseImages.Sleeper sleeper) {
        return new LocalBootstrapBaseImages(registry, tmp.resolve("images"), clock, sleeper, Duration.ofSeconds(120), said::add);
    }

    /** Puts a one-layer image tagged {@code ref} into the node image store DATA/images. */
    Manifest storeImage(String ref) throws IOException {
        NodeImageStore store = new NodeImageStore(tmp.resolve("images"), new RegistryClient(RegistryOptions.defaults()));
        LayerBuilder.Built layer = new LayerBuilder().file("etc/motd", "made by wharf dev\n", 0644).build(store.blobs());
        Manifest m = ImageAssembler.assemble(store.blobs(), List.of(layer),
                new ImageConfig(null, List.of("sh"), List.of(), null, null, Map.of(), null, null), List.of("test"));
        store.commit(m, null, ImageRef.parse(ref));
        return m;
    }

    @Test
    void knowsTheBootstrapImagesOnAnyRegistryHost() {
        assertThat(LocalBootstrapBaseImages.bootstrapName("127.0.0.1:5000/wharf/jdk:21")).isEqualTo("wharf/jdk:21");
        assertThat(LocalBootstrapBaseImages.bootstrapName("localhost:5000/busybox:latest")).isEqualTo("busybox:latest");
        assertThat(LocalBootstrapBaseImages.bootstrapName("busybox")).isEqualTo("busybox:latest");
        assertThat(LocalBootstrapBaseImages.bootstrapName("127.0.0.1:5000/wharf/jdk:17")).isNull();
        assertThat(LocalBootstrapBaseImages.bootstrapName("127.0.0.1:5000/team/app:1")).isNull();
    }

    @Test
    void takesTheRegistryImageWhenThereIsOne() throws IOException {
        storeImage("wharf/jre:21");
        BaseImage fromRegistry = new BaseImage("r", "sha256:" + "a".repeat(64), dev.wharf.common.Json.MAPPER.createObjectNode(), List.of());
        BaseImage got = source((reference, blobs) -> fromRegistry, d -> { }).resolve("127.0.0.1:5000/wharf/jre:21",
                new BlobStore(tmp.resolve("builder")));
        assertThat(got).isSameAs(fromRegistry);
    }

    @Test
    void fallsBackToTheLocalStoreAndCopiesItsBlobsIntoTheBuilder() throws IOException {
        Manifest stored = storeImage("wharf/jdk:21");
        BlobStore builder = new BlobStore(tmp.resolve("builder"));
        BaseImage got = source(emptyRegistry, d -> { }).resolve("127.0.0.1:5000/wharf/jdk:21", builder);
        assertThat(got.digest()).isEqualTo(stored.digest());
        assertThat(got.reference()).isEqualTo("127.0.0.1:5000/wharf/jdk:21");
        assertThat(got.layers()).hasSize(1);
        assertThat(builder.has(stored.config().digest())).isTrue();
        assertThat(builder.has(stored.layers().getFirst().digest())).isTrue();
        assertThat(said).isEmpty();
    }

    @Test
    void waitsForABootstrapImageThatWharfDevIsStillMaking() throws IOException {
        BaseImage got = source(emptyRegistry, d -> {
            clock.advance(d);
            if (clock.nanoTime() >= Duration.ofSeconds(10).toNanos()) {
                try {
                    storeImage("wharf/jdk:21");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }).resolve("127.0.0.1:5000/wharf/jdk:21", new BlobStore(tmp.resolve("builder")));
        assertThat(got.layers()).hasSize(1);
        assertThat(said).singleElement().asString().startsWith("waiting for the base image wharf/jdk:21");
        assertThat(registryLooks).isEqualTo(6);
    }

    @Test
    void givesUpAfterItsPatienceAndFailsOtherImagesAtOnce() {
        assertThatThrownBy(() -> source(emptyRegistry, clock::advance).resolve("127.0.0.1:5000/wharf/jre:21",
                new BlobStore(tmp.resolve("builder"))))
                .hasMessageContaining("neither in its registry (manifest unknown")
                .hasMessageContaining("after waiting 120 s").hasMessageContaining("wharf image bootstrap");
        assertThat(Duration.ofNanos(clock.nanoTime())).isEqualTo(Duration.ofSeconds(120));
        registryLooks = 0;
        assertThatThrownBy(() -> source(emptyRegistry, clock::advance).resolve("127.0.0.1:5000/team/app:1",
                new BlobStore(tmp.resolve("builder")))).hasMessage("manifest unknown: 127.0.0.1:5000/team/app:1");
        assertThat(registryLooks).isEqualTo(1);
    }
}
