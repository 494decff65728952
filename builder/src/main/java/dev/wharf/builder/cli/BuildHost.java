package dev.wharf.builder.cli;

import dev.wharf.spi.image.RegistryCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a build takes from the machine it runs on: the runc binary, the reproducible-build timestamp, and from a
 * Wharf data dir the cluster CA and the admin credentials its registry accepts.
 */
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

    /** DATA/pki/ca.crt when it exists (the registry's TLS is issued by the cluster CA), else null. */
    public static Path clusterCa(Path dataDir) {
        Path ca = dataDir.resolve("pki/ca.crt");
        return Files.isRegularFile(ca) ? ca : null;
    }

    /** {@code admin} with DATA/admin.token for {@code registry}, or null when the data dir has no token. */
    public static RegistryCredentials adminCredentials(Path dataDir, String registry) throws IOException {
        Path token = dataDir.resolve("admin.token");
        return Files.isRegularFile(token) ? new RegistryCredentials(registry, "admin", Files.readString(token).strip()) : null;
    }
}
