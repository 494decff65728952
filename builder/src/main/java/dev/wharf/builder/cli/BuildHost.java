package dev.wharf.builder.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** What a build takes from the machine it runs on: the runc binary and the reproducible-build timestamp. */
public final class BuildHost {
    private BuildHost() {
    }

    /** {@code SOURCE_DATE_EPOCH} (reproducible-builds.org), 0 when unset: the timestamp of every layer file. */
    public static long sourceDateEpoch() {
        String v = System.getenv("SOURCE_DATE_EPOCH");
        return v == null || v.isBlank() ? 0L : Long.parseLong(v.strip());
    }

    /** The executable {@code name} on PATH, or null. */
    public static Path which(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin").split(":")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
