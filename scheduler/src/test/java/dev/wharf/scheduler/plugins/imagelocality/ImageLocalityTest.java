package dev.wharf.scheduler.plugins.imagelocality;

import static dev.wharf.scheduler.testing.PluginHarness.score;
import static dev.wharf.scheduler.testing.PluginHarness.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.scheduler.snapshot.ImageNames;
import dev.wharf.scheduler.testing.MakeNode;
import dev.wharf.scheduler.testing.MakePod;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageLocalityTest {
    @Test
    void nodesHoldingThePodsImageScoreHigherScaledBySpread() {
        var s = snapshot(List.of(MakeNode.node().name("n1").images("busybox:latest").obj(),
                MakeNode.node().name("n2").obj(),
                MakeNode.node().name("n3").images("docker.io/library/busybox:latest").obj()));
        var scores = score(new ImageLocality(), MakePod.pod().name("p").image("busybox").obj(), s);
        // 100 MiB * 2/3 of nodes = 66.7 MiB, in [23 MiB, 1000 MiB] -> 4
        assertThat(scores).containsEntry("n1", 4L).containsEntry("n2", 0L).containsEntry("n3", 4L);
    }

    @Test
    void skippedWhenNoNodeReportsImages() {
        var s = snapshot(List.of(MakeNode.node().name("n1").obj()));
        assertThat(score(new ImageLocality(), MakePod.pod().name("p").image("busybox").obj(), s))
                .containsEntry("n1", 0L);
    }

    @Test
    void imageNamesAreNormalized() {
        assertThat(ImageNames.normalize("busybox")).isEqualTo("docker.io/library/busybox:latest");
        assertThat(ImageNames.normalize("wharf/jre:21")).isEqualTo("docker.io/wharf/jre:21");
        assertThat(ImageNames.normalize("localhost:5000/app")).isEqualTo("localhost:5000/app:latest");
        assertThat(ImageNames.normalize("ghcr.io/x/y:1")).isEqualTo("ghcr.io/x/y:1");
        assertThat(ImageNames.normalize("ghcr.io/x/y@sha256:ab")).isEqualTo("ghcr.io/x/y@sha256:ab");
    }
}
