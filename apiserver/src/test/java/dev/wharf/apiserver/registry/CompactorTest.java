package dev.wharf.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.spi.store.MemoryStore;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CompactorTest {
    @Test
    void keepsTheLastRevisionsOnly() {
        try (MemoryStore store = new MemoryStore()) {
            for (int i = 0; i < 20; i++) {
                store.create("/registry/core/configmaps/default/c" + i, "{}".getBytes(StandardCharsets.UTF_8));
            }
            Compactor compactor = new Compactor(store, 5);
            long target = compactor.runOnce();
            assertThat(target).isEqualTo(store.currentRevision() - 5);
            assertThat(store.compactedRevision()).isEqualTo(target);
            assertThat(compactor.runOnce()).isEqualTo(-1);
        }
    }
}
