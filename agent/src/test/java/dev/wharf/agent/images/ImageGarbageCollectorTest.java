package dev.wharf.agent.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.ManualClock;
import dev.wharf.spi.image.Image;
import dev.wharf.spi.image.ImageRef;
import dev.wharf.spi.image.ImageStore;
import dev.wharf.spi.image.PullListener;
import dev.wharf.spi.image.PullPolicy;
import dev.wharf.spi.image.RegistryCredentials;
import dev.wharf.spi.image.RootFs;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ImageGarbageCollectorTest {
    final ManualClock clock = new ManualClock();
    final List<Set<String>> collections = new ArrayList<>();
    final AtomicReference<Double> usage = new AtomicReference<>(0.5);
    final List<Pod> pods = new ArrayList<>();
    final ImageGarbageCollector gc = new ImageGarbageCollector(new RecordingStore(), () -> pods, usage::get, clock,
            Duration.ofMinutes(5));

    @Test
    void collectsOnlyAboveTheHighThresholdKeepingWhatPodsUseAndTheBootstrapImages() {
        pods.add(new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec()
                .addNewInitContainer().withName("i").withImage("init:1").endInitContainer()
                .addNewContainer().withName("c").withImage("127.0.0.1:5000/team/app:1").endContainer().endSpec().build());
        gc.maybeCollect();
        assertThat(collections).as("disk at 50 %: nothing to do").isEmpty();

        usage.set(0.9);
        clock.advance(Duration.ofMinutes(5));
        gc.maybeCollect();
        assertThat(collections).hasSize(1);
        assertThat(collections.get(0)).contains("init:1", "127.0.0.1:5000/team/app:1", "busybox:latest", "wharf/jre:21");

        gc.maybeCollect();
        assertThat(collections).as("at most once per period").hasSize(1);
        clock.advance(Duration.ofMinutes(5));
        gc.maybeCollect();
        assertThat(collections).hasSize(2);
    }

    final class RecordingStore implements ImageStore {
        @Override
        public Image pull(ImageRef ref, PullPolicy policy, List<RegistryCredentials> credentials, PullListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Image> get(ImageRef ref) {
            return Optional.empty();
        }

        @Override
        public List<Image> list() {
            return List.of();
        }

        @Override
        public boolean remove(ImageRef ref) {
            return false;
        }

        @Override
        public RootFs rootfs(ImageRef ref) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Image> importArchive(Path file) {
            return List.of();
        }

        @Override
        public GcResult gc(Set<String> inUse) {
            collections.add(Set.copyOf(inUse));
            return new GcResult(List.of(), 0, 0);
        }
    }
}
