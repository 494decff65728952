package dev.wharf.server.cmd;

import dev.wharf.common.Clock;
import dev.wharf.registry.storage.GarbageCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `wharf registry gc`: removes blobs no manifest references (a dry run unless --delete). */
@Command(name = "registry", mixinStandardHelpOptions = true, description = "Maintain Wharf's image registry.",
        subcommands = RegistryCommand.Gc.class)
public final class RegistryCommand {

    @Command(name = "gc", mixinStandardHelpOptions = true,
            description = {"Garbage-collect the registry's storage: blobs that no tag or manifest references.",
                    "Lists what would go unless --delete is given. Safe while the server runs: blobs younger",
                    "than the grace period (uploads in flight) are kept."})
    static final class Gc implements Callable<Integer> {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "Wharf's data dir (default: ~/.wharf).")
        Path dataDir;

        @Option(names = "--delete", description = "Really delete (default: dry run).")
        boolean delete;

        @Option(names = "--untagged", description = "Also delete manifests no tag points at.")
        boolean untagged;

        @Option(names = "--keep-last", paramLabel = "REPO=N",
                description = "Keep only the N newest tags of matching repositories (REPO: name, team/* or *).")
        List<String> keepLast = new ArrayList<>();

        @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "PT1H",
                description = "Keep blobs younger than this (ISO-8601, default: ${DEFAULT-VALUE}).")
        Duration grace;

        @Override
        public Integer call() throws Exception {
            Path dir = (dataDir != null ? dataDir : dev.wharf.common.Homes.wharfDir()).resolve("registry");
            if (!Files.isDirectory(dir)) {
                System.err.println("wharf registry gc: no registry data in " + dir);
                return 1;
            }
            List<GarbageCollector.Retention> rules = new ArrayList<>();
            for (String k : keepLast) {
                int eq = k.lastIndexOf('=');
                if (eq <= 0) {
                    System.err.println("wharf registry gc: --keep-last wants REPO=N, got " + k);
                    return 2;
                }
                rules.add(new GarbageCollector.Retention(k.substring(0, eq), Integer.parseInt(k.substring(eq + 1))));
            }
            GarbageCollector.Report r = GarbageCollector.forDataDir(dir, Clock.system())
                    .run(new GarbageCollector.Options(!delete, untagged, grace, rules));
            String verb = r.dryRun() ? "would delete" : "deleted";
            r.tags().forEach(t -> System.out.println(verb + " tag " + t));
            r.manifests().forEach(m -> System.out.println(verb + " manifest " + m));
            r.blobs().forEach(b -> System.out.println(verb + " blob " + b));
            System.out.printf("%s %d blobs (%.1f MB), %d manifests, %d tags; %d blobs in use%s%n", verb, r.blobs().size(),
                    r.bytes() / 1e6, r.manifests().size(), r.tags().size(), r.marked(),
                    r.dryRun() ? " (dry run: add --delete to delete)" : "");
            return 0;
        }
    }
}
