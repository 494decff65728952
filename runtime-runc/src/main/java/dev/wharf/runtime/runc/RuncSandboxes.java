package dev.wharf.runtime.runc;

import dev.wharf.runtime.support.Cmd;
import dev.wharf.runtime.support.Names;
import dev.wharf.runtime.support.StateFiles;
import dev.wharf.spi.runtime.ContainerRuntimeException;
import dev.wharf.spi.runtime.Sandbox;
import dev.wharf.spi.runtime.SandboxSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Pod sandboxes of the runc driver: a named network namespace ({@code ip netns add wharf-<uid8>}, which outlives
 * every container and the agent) attached through CNI, plus the pod's /etc/hosts, /etc/hostname and
 * /etc/resolv.conf that every container bind-mounts. Records live in {@code <root>/sandboxes/<id>.json}.
 */
final class RuncSandboxes {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Path NETNS_DIR = Path.of("/var/run/netns");
    private final Path dir;
    private final CniNetwork cni;

    RuncSandboxes(Path dir, CniNetwork cni) {
        this.dir = dir;
        this.cni = cni;
    }

    synchronized Sandbox run(SandboxSpec spec) {
        String id = "wharf-" + Names.short8(spec.podUid());
        var existing = StateFiles.readJson(record(id), Sandbox.class);
        if (existing.isPresent() && Files.exists(Path.of(existing.get().netns()))) {
            if (!existing.get().spec().podUid().equals(spec.podUid())) {
                throw new ContainerRuntimeException("sandbox " + id + " belongs to pod " + existing.get().spec().podUid());
            }
            return existing.get();
        }
        Path netns = NETNS_DIR.resolve(id);
        if (existing.isPresent() || Files.exists(netns)) {
            // a stale sandbox (host reboot, crash): release its address and namespace before making it anew
            teardown(id, netns, existing.map(sb -> sb.spec().ports()).orElse(spec.ports()));
        }
        Cmd.check(List.of("ip", "netns", "add", id), TIMEOUT);
        try {
            String ip = cni.add(id, netns.toString(), spec.ports());
            writeEtcFiles(id, spec, ip);
            Sandbox sb = new Sandbox(id, spec, ip, netns.toString());
            StateFiles.writeJson(record(id), sb);
            return sb;
        } catch (RuntimeException e) {
            teardown(id, netns, spec.ports());
            throw e;
        }
    }

    synchronized void stop(String id) {
        var ports = StateFiles.readJson(record(id), Sandbox.class).map(sb -> sb.spec().ports()).orElse(List.of());
        teardown(id, NETNS_DIR.resolve(id), ports);
    }

    synchronized void remove(String id) {
        StateFiles.deleteTree(dir.resolve(id));
        try {
            Files.deleteIfExists(record(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Sandbox get(String id) {
        return StateFiles.readJson(record(id), Sandbox.class).orElseThrow(() -> ContainerRuntimeException.notFound("sandbox", id));
    }

    /** Directory with the pod's hosts, hostname and resolv.conf files. */
    Path etcDir(String id) {
        return dir.resolve(id);
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

    private void teardown(String id, Path netns, List<dev.wharf.spi.runtime.PortMapping> ports) {
        cni.del(id, netns.toString(), ports);  // DEL tolerates a missing netns, as the CNI spec requires
        if (Files.exists(netns)) {
            Cmd.run(List.of("ip", "netns", "del", id), TIMEOUT);
        }
    }

    private void writeEtcFiles(String id, SandboxSpec spec, String ip) {
        Path etc = dir.resolve(id);
        String hostname = spec.hostname();
        StateFiles.write(etc.resolve("hostname"), (hostname + "\n").getBytes(StandardCharsets.UTF_8));
        StateFiles.write(etc.resolve("hosts"), ("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
                + ip + "\t" + hostname + "\n").getBytes(StandardCharsets.UTF_8));
        String resolv = spec.resolvConf();
        if (resolv.isEmpty()) {
            try {
                resolv = Files.exists(Path.of("/etc/resolv.conf")) ? Files.readString(Path.of("/etc/resolv.conf")) : "";
            } catch (IOException e) {
                resolv = "";
            }
        }
        StateFiles.write(etc.resolve("resolv.conf"), resolv.getBytes(StandardCharsets.UTF_8));
    }

    private Path record(String id) {
        return dir.resolve(id + ".json");
    }
}
