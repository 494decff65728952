package dev.wharf.spi.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerSpecTest {
    private final ImageRootfs image = new ImageRootfs(List.of(Path.of("/l1")), List.of("/entry", "-x"),
            List.of("serve", "--port=80"), List.of("PATH=/bin", "MODE=image"), "/app", "");

    @Test
    void neitherCommandNorArgsRunsEntrypointAndCmd() {
        assertThat(ContainerSpec.builder("u", "c", image).build().processArgs())
                .containsExactly("/entry", "-x", "serve", "--port=80");
    }

    @Test
    void argsAloneReplaceCmd() {
        assertThat(ContainerSpec.builder("u", "c", image).args("other").build().processArgs())
                .containsExactly("/entry", "-x", "other");
    }

    @Test
    void commandReplacesEntrypointAndDropsCmd() {
        assertThat(ContainerSpec.builder("u", "c", image).command("sh", "-c").args("echo hi").build().processArgs())
                .containsExactly("sh", "-c", "echo hi");
        assertThat(ContainerSpec.builder("u", "c", image).command("true").build().processArgs())
                .containsExactly("true");
    }

    @Test
    void emptyImageWithoutCommandIsAClearError() {
        assertThatThrownBy(() -> ContainerSpec.builder("u", "c", ImageRootfs.of(Path.of("/l"))).build().processArgs())
                .isInstanceOf(ContainerRuntimeException.class).hasMessageContaining("no command");
    }

    @Test
    void specEnvOverridesImageEnvInOrder() {
        ContainerSpec spec = ContainerSpec.builder("u", "c", image).env("MODE", "spec").env("EXTRA", "1").build();
        assertThat(spec.processEnv()).containsExactly("PATH=/bin", "MODE=spec", "EXTRA=1");
    }

    @Test
    void workingDirFallsBackToImageThenRoot() {
        assertThat(ContainerSpec.builder("u", "c", image).build().effectiveWorkingDir()).isEqualTo("/app");
        assertThat(ContainerSpec.builder("u", "c", image).workingDir("/w").build().effectiveWorkingDir()).isEqualTo("/w");
        assertThat(ContainerSpec.builder("u", "c", ImageRootfs.of(Path.of("/l"))).build().effectiveWorkingDir())
                .isEqualTo("/");
    }

    @Test
    void privilegedIsRefused() {
        assertThatThrownBy(() -> new Security(null, null, false, List.of(), List.of(), true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cpuSharesFollowKubernetes() {
        assertThat(Resources.sharesForRequestMillis(0)).isEqualTo(2);
        assertThat(Resources.sharesForRequestMillis(500)).isEqualTo(512);
    }
}
