package dev.wharf.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.ManualClock;
import dev.wharf.runtime.runc.RuncConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeFactoryTest {
    @TempDir
    Path root;

    @Test
    void choosesTheDriver() {
        ManualClock clock = new ManualClock();
        assertThat(RuntimeFactory.create("fake", root, clock, 1).name()).isEqualTo("fake");
        assertThat(RuntimeFactory.create("process", root, clock, 1).name()).isEqualTo("process");
        assertThat(RuntimeFactory.create("auto", root, clock, 1).name())
                .isEqualTo(RuncConfig.forNode(1).usable() ? "runc" : "process");
        assertThatThrownBy(() -> RuntimeFactory.create("docker", root, clock, 1))
                .hasMessageContaining("unknown runtime 'docker'");
    }
}
