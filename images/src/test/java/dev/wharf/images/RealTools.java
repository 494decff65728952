package dev.wharf.images;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Tests needing a real tool skip without it on a laptop, and fail under CI=true. */
final class RealTools {
    private RealTools() {
    }

    static Path require(String path) {
        Path p = Path.of(path);
        boolean ok = Files.isExecutable(p);
        if (!ok && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(path + " is required under CI=true but is missing");
        }
        assumeTrue(ok, path + " is not installed");
        return p;
    }

    static boolean isRoot() {
        return dev.wharf.images.unpack.Host.isRoot();
    }
}
