package dev.wharf.runtime.runc;

import dev.wharf.common.Clock;
import dev.wharf.spi.runtime.ContainerRuntime;
import dev.wharf.testkit.runtime.ContainerRuntimeContract;
import dev.wharf.testkit.runtime.Requirements;
import dev.wharf.testkit.runtime.TestImages;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract against real runc, conmon, CNI and overlayfs (root only; a failure under CI=true without them). */
class RuncRuntimeTest extends ContainerRuntimeContract {
    static final RuncConfig CONFIG = RuncConfig.forNode(250);

    @BeforeAll
    static void needsRootAndRunc() {
        Requirements.require(CONFIG.usable() && TestImages.busyboxAvailable(), "root with runc, conmon, CNI plugins and busybox");
    }

    @AfterAll
    static void removeBridge(@org.junit.jupiter.api.io.TempDir Path scratch) {
        if (CONFIG.usable()) {
            new RuncRuntime(scratch, Clock.system(), CONFIG).destroyNodeNetwork();
        }
    }

    @Override
    protected ContainerRuntime newRuntime(Path root) {
        return new RuncRuntime(root, Clock.system(), CONFIG);
    }

    @Override
    protected boolean enforcesMemoryLimits() {
        return true;
    }
}
