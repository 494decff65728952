package dev.wharf.server.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyImageBuildsTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheEffectiveUid() {
        assertThat(RootCheck.isRoot("Name:\tjava\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n")).isTrue();
        assertThat(RootCheck.isRoot("Name:\tjava\nUid:\t1000\t1000\t1000\t1000\n")).isFalse();
        assertThat(RootCheck.isRoot("Uid:\t1000\t0\t1000\t1000\n")).isTrue();
    }

    @Test
    void theDataDirIsTheKubeconfigsDirectoryWhenWharfDevWroteItElseHomeDotWharf() throws Exception {
        ApplyImageBuilds builds = new ApplyImageBuilds(new ManualClock(), tmp.resolve("home"));
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("kubeconfig"), "");
        assertThat(builds.dataDir(data.resolve("kubeconfig"))).isEqualTo(tmp.resolve("home/.wharf"));
        Files.writeString(data.resolve("admin.token"), "t\n");
        assertThat(builds.dataDir(data.resolve("kubeconfig"))).isEqualTo(data);
    }
}
