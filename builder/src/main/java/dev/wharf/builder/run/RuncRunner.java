package dev.wharf.builder.run;

import dev.wharf.builder.fs.Trees;
import dev.wharf.common.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Runs a RUN step with a foreground {@code runc run} (stdout and stderr merged and streamed line by line: reading
 * a foreground runc through a pipe is safe; a detached one is not). runc deletes the container when it exits.
 * State lives in its own runc root so build containers never mix with the node's pods.
 */
public final class RuncRunner {
    private final Path runc;
    private final Path stateRoot;
    private final Path work;
    private final RandomGenerator random;

    public RuncRunner(Path runc, Path dataDir, RandomGenerator random) throws IOException {
        this.runc = runc;
        this.stateRoot = Files.createDirectories(dataDir.resolve("runc"));
        this.work = Files.createDirectories(dataDir.resolve("bundles"));
        this.random = random;
    }

    /** Runs the step to completion; returns its exit code. */
    public int run(RunSpec spec, Consumer<String> output) throws IOException {
        String id = "wharf-build-" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
        Path bundle = Files.createDirectories(work.resolve(id));
        try {
            Files.writeString(bundle.resolve("hosts"), "127.0.0.1\tlocalhost wharf-build\n::1\tlocalhost ip6-localhost ip6-loopback\n");
            Files.writeString(bundle.resolve("resolv.conf"), "# build steps run without network\n");
            Files.write(bundle.resolve("config.json"), Json.bytes(RuncConfig.of(id, spec, bundle)));
            Process p = new ProcessBuilder(List.of(runc.toString(), "--root", stateRoot.toString(), "run", "--bundle",
                    bundle.toString(), id)).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.accept(line);
                }
                return p.waitFor();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                new ProcessBuilder(runc.toString(), "--root", stateRoot.toString(), "delete", "--force", id).start();
                throw new IOException("build step interrupted", e);
            }
        } finally {
            Trees.delete(bundle);
        }
    }
}
