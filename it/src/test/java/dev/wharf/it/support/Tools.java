package dev.wharf.it.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Real tools the integration tests drive. Missing ones skip a test on a laptop but fail it under CI=true. */
public final class Tools {
    private Tools() {
    }

    public static Path require(String executable) {
        Path found = find(executable);
        if (found == null) {
            String why = executable + " is not installed (./wharf test installs the Debian packages when run as root)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        return found;
    }

    /** Tests that run containers with runc need root. */
    public static void requireRoot() {
        if (!"root".equals(System.getProperty("user.name"))) {
            String why = "this test runs containers with runc and needs root";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
    }

    public static Path find(String executable) {
        if (executable.startsWith("/")) {
            Path p = Path.of(executable);
            return Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path p = Path.of(dir, executable);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
