package dev.wharf.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The scheduler is pure (ARCHITECTURE.md): no store, network, threads, wall clock or unseeded randomness in its
 * main sources. A source scan, until the build's ArchUnit rules cover this module.
 */
class PurityTest {
    private static final List<String> FORBIDDEN = List.of("import dev.wharf.spi", "import dev.wharf.store",
            "import dev.wharf.apiserver", "import dev.wharf.controller", "import java.net", "import io.netty",
            "import java.sql", "new Thread(", "System.currentTimeMillis", "Instant.now()", "new Random(",
            "Math.random(", "ThreadLocalRandom", "Executors.");

    @Test
    void mainSourcesImportNoStoreNetworkOrClockCode() throws IOException {
        Path root = Path.of("src/main/java/dev/wharf/scheduler");
        assertThat(root).isDirectory();
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                for (String bad : FORBIDDEN) {
                    if (text.contains(bad)) {
                        violations.add(root.relativize(f) + ": " + bad);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
