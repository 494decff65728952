package dev.wharf.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.Json;
import dev.wharf.images.bootstrap.BootstrapImages;
import dev.wharf.images.registry.RegistryClient;
import dev.wharf.images.registry.RegistryOptions;
import dev.wharf.images.store.NodeImageStore;
import dev.wharf.spi.image.Image;
import dev.wharf.spi.image.ImagePullException;
import dev.wharf.spi.image.ImageRef;
import dev.wharf.spi.image.PullEvent;
import dev.wharf.spi.image.PullListener;
import dev.wharf.spi.image.PullPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pulls from Debian's docker-registry, filled with skopeo from a layout BootstrapImages wrote. */
class RegistryPullTest {
    @TempDir
    static Path shared;
    static LocalRegistry registry;
    static Image busybox;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startRegistryAndCopyBusyboxIn() throws Exception {
        registry = LocalRegistry.start(shared);
        NodeImageStore source = TestStores.store(shared.resolve("source"));
        BootstrapImages boot = TestStores.bootstrap(shared.resolve("source"), source);
        busybox = boot.busybox();
        Path layout = boot.writeLayout(BootstrapImages.BUSYBOX, shared.resolve("layout"));
        registry.copyIn(layout, "latest", "tools/busybox:1");
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
        TestStores.deleteTree(shared);
    }

    @org.junit.jupiter.api.AfterEach
    void cleanUp() throws Exception {
        TestStores.deleteTree(tmp);
    }

    @Test
    void pullsByTagThenByDigestWithProgress() {
        NodeImageStore store = TestStores.store(tmp.resolve("a"));
        List<PullEvent> events = new CopyOnWriteArrayList<>();
        ImageRef ref = ImageRef.parse(registry.host() + "/tools/busybox:1");

        Image pulled = store.pull(ref, PullPolicy.ALWAYS, List.of(), events::add);

        assertThat(pulled.manifestDigest()).isEqualTo(busybox.manifestDigest());
        assertThat(pulled.repoTags()).containsExactly(ref.toString());
        assertThat(pulled.repoDigests()).containsExactly(ref.withDigest(busybox.manifestDigest()).toString());
        assertThat(events.get(0)).isInstanceOf(PullEvent.Resolving.class);
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(PullEvent.BlobProgress.class,
                p -> assertThat(p.received()).isEqualTo(p.total())));
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(PullEvent.Done.class,
                d -> assertThat(d.fromCache()).isFalse());
        assertThat(store.rootfs(ref).layers().get(0).resolve("bin/busybox")).isExecutable();

        // pulling again with Always resolves the manifest but fetches nothing
        events.clear();
        store.pull(ref, PullPolicy.ALWAYS, List.of(), events::add);
        assertThat(events).noneMatch(e -> e instanceof PullEvent.BlobProgress);

        NodeImageStore other = TestStores.store(tmp.resolve("b"));
        Image byDigest = other.pull(ref.withDigest(busybox.manifestDigest()), PullPolicy.IF_NOT_PRESENT, List.of(), PullListener.NONE);
        assertThat(byDigest.id()).isEqualTo(busybox.id());
        assertThat(byDigest.repoTags()).isEmpty();
    }

    @Test
    void missingManifestCarriesTheRegistryErrorCode() {
        NodeImageStore store = TestStores.store(tmp);
        assertThatThrownBy(() -> store.pull(ImageRef.parse(registry.host() + "/tools/busybox:nope"), PullPolicy.ALWAYS,
                List.of(), PullListener.NONE))
                .isInstanceOfSatisfying(ImagePullException.class, e -> assertThat(e.httpStatus()).isEqualTo(404))
                .hasMessageContaining("404")
                .hasMessageContaining("MANIFEST_UNKNOWN");
        assertThatThrownBy(() -> store.pull(ImageRef.parse(registry.host() + "/no/such:1"), PullPolicy.ALWAYS,
                List.of(), PullListener.NONE))
                .hasMessageContaining("/v2/no/such/manifests/1").hasMessageContaining("manifest unknown");
    }

    @Test
    void pushesAnImageThatSkopeoAndAnotherNodeCanRead() throws Exception {
        NodeImageStore store = TestStores.store(tmp.resolve("a"));
        BootstrapImages boot = TestStores.bootstrap(tmp.resolve("a"), store);
        boot.busybox();
        List<String> pushed = boot.push(new RegistryClient(RegistryOptions.defaults()), registry.host(), null,
                List.of(BootstrapImages.BUSYBOX));

        assertThat(pushed).containsExactly(registry.host() + "/busybox:latest@" + busybox.manifestDigest());
        String inspect = registry.skopeo(List.of("inspect", "--tls-verify=false", "docker://" + registry.host() + "/busybox:latest"));
        assertThat(Json.parse(inspect).path("Digest").asText()).isEqualTo(busybox.manifestDigest());
        Image pulled = TestStores.store(tmp.resolve("b"))
                .pull(ImageRef.parse(registry.host() + "/busybox"), PullPolicy.ALWAYS, List.of(), PullListener.NONE);
        assertThat(pulled.id()).isEqualTo(busybox.id());
    }
}
