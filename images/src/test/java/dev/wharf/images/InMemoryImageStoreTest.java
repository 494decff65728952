package dev.wharf.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.spi.image.Image;
import dev.wharf.spi.image.ImagePullException;
import dev.wharf.spi.image.ImageRef;
import dev.wharf.spi.image.InMemoryImageStore;
import dev.wharf.spi.image.PullListener;
import dev.wharf.spi.image.PullPolicy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InMemoryImageStoreTest {
    @Test
    void followsPullPoliciesAndInjectedFailures() {
        InMemoryImageStore store = new InMemoryImageStore().failPulls("bad:1", "manifest unknown");
        ImageRef ref = ImageRef.parse("busybox:1");
        Image img = store.pull(ref, PullPolicy.IF_NOT_PRESENT, List.of(), PullListener.NONE);
        store.pull(ref, PullPolicy.IF_NOT_PRESENT, List.of(), PullListener.NONE);
        assertThat(store.pullCount("busybox:1")).isEqualTo(1);
        assertThat(store.get(ImageRef.parse("busybox@" + img.manifestDigest()))).contains(img);
        assertThat(store.rootfs(ref).layers()).isEmpty();
        assertThatThrownBy(() -> store.pull(ImageRef.parse("bad:1"), PullPolicy.ALWAYS, List.of(), PullListener.NONE))
                .isInstanceOf(ImagePullException.class).hasMessage("manifest unknown");
        assertThatThrownBy(() -> store.pull(ImageRef.parse("other"), PullPolicy.NEVER, List.of(), PullListener.NONE))
                .hasMessageContaining("pull policy of Never");
        assertThat(store.gc(Set.of()).removedImages()).hasSize(2);
        assertThat(store.list()).isEmpty();
    }
}
