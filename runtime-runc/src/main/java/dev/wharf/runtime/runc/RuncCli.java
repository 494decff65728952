package dev.wharf.runtime.runc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.common.Json;
import dev.wharf.runtime.support.Cmd;
import dev.wharf.spi.runtime.ContainerStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The runc command line under this driver's own state root ({@code runc --root <root>/runc}). */
final class RuncCli {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final Path runc;
    private final Path stateRoot;

    RuncCli(Path runc, Path stateRoot) {
        this.runc = runc;
        this.stateRoot = stateRoot;
    }

    Path stateRoot() {
        return stateRoot;
    }

    List<String> argv(String... args) {
        List<String> argv = new ArrayList<>(List.of(runc.toString(), "--root", stateRoot.toString()));
        argv.addAll(List.of(args));
        return argv;
    }

    void start(String id) {
        Cmd.check(argv("start", id), TIMEOUT);
    }

    /** runc's view: status (created, running, stopped, paused) and pid; empty when runc does not know the id. */
    Optional<JsonNode> state(String id) {
        Cmd.Result r = Cmd.run(argv("state", id), TIMEOUT);
        return r.ok() ? Optional.of(Json.parse(r.out())) : Optional.empty();
    }

    /** Every container in the state root by id (one runc call instead of one per container). */
    java.util.Map<String, JsonNode> list() {
        Cmd.Result r = Cmd.run(argv("list", "--format", "json"), TIMEOUT);
        java.util.Map<String, JsonNode> out = new java.util.HashMap<>();
        if (r.ok() && !r.out().isBlank()) {
            Json.parse(r.out()).forEach(n -> out.put(n.path("id").asText(), n));
        }
        return out;
    }

    boolean kill(String id, String signal) {
        return Cmd.run(argv("kill", id, signal), TIMEOUT).ok();
    }

    void delete(String id) {
        Cmd.run(argv("delete", "--force", id), TIMEOUT);
    }

    ContainerStats stats(String id) {
        Cmd.Result r = Cmd.run(argv("events", "--stats", id), TIMEOUT);
        if (!r.ok()) {
            return ContainerStats.ZERO;
        }
        JsonNode data = Json.parse(r.out()).path("data");
        long cpu = data.path("cpu").path("usage").path("total").asLong();
        JsonNode mem = data.path("memory");
        long usage = mem.path("usage").path("usage").asLong();
        long inactive = mem.path("raw").path("total_inactive_file").asLong(mem.path("stats").path("total_inactive_file").asLong());
        long pids = data.path("pids").path("current").asLong();
        return new ContainerStats(cpu, Math.max(0, usage - inactive), pids);
    }
}
