package dev.wharf.runtime.process;

import dev.wharf.common.Clock;
import dev.wharf.spi.runtime.ContainerRuntime;
import dev.wharf.testkit.runtime.ContainerRuntimeContract;
import dev.wharf.testkit.runtime.Requirements;
import dev.wharf.testkit.runtime.TestImages;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

class ProcessRuntimeTest extends ContainerRuntimeContract {
    @BeforeAll
    static void needsBusybox() {
        Requirements.require(TestImages.busyboxAvailable(), "/bin/busybox (Debian busybox-static)");
    }

    @Override
    protected ContainerRuntime newRuntime(Path root) {
        return new ProcessRuntime(root, Clock.system(), 201);
    }
}
