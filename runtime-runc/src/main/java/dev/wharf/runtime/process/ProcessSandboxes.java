package dev.wharf.runtime.process;

import dev.wharf.runtime.support.Names;
import dev.wharf.runtime.support.StateFiles;
import dev.wharf.spi.runtime.ContainerRuntimeException;
import dev.wharf.spi.runtime.Sandbox;
import dev.wharf.spi.runtime.SandboxSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Pod "sandboxes" of the process driver: a loopback address per pod, persisted as one JSON file each. */
final class ProcessSandboxes {
    private final Path dir;
    private final int ipB;

    ProcessSandboxes(Path dir, int ipB) {
        if (ipB < 1 || ipB > 254) {
            throw new IllegalArgumentException("loopback second octet must be 1..254: " + ipB);
        }
        this.dir = dir;
        this.ipB = ipB;
    }

    synchronized Sandbox run(SandboxSpec spec) {
        String id = "sb-" + Names.short8(spec.podUid()) + "-" + Integer.toHexString(spec.podUid().hashCode());
        var existing = StateFiles.readJson(dir.resolve(id + ".json"), Sandbox.class);
        if (existing.isPresent()) {
            return existing.get();
        }
        Set<String> used = new HashSet<>();
        list().forEach(s -> used.add(s.ip()));
        for (int n = 1; n < 254 * 256; n++) {
            String ip = "127." + ipB + "." + (n / 254) + "." + (n % 254 + 1);
            if (!used.contains(ip)) {
                Sandbox sb = new Sandbox(id, spec, ip, "");
                StateFiles.writeJson(dir.resolve(id + ".json"), sb);
                return sb;
            }
        }
        throw new ContainerRuntimeException("no free loopback address in 127." + ipB + ".0.0/16");
    }

    Sandbox get(String id) {
        return StateFiles.readJson(dir.resolve(id + ".json"), Sandbox.class)
                .orElseThrow(() -> ContainerRuntimeException.notFound("sandbox", id));
    }

    synchronized void remove(String id) {
        try {
            Files.deleteIfExists(dir.resolve(id + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Sandbox> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted()
                    .flatMap(f -> StateFiles.readJson(f, Sandbox.class).stream()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
