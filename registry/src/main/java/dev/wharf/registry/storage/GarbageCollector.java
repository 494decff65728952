package dev.wharf.registry.storage;

import dev.wharf.common.Clock;
import dev.wharf.registry.manifest.Descriptor;
import dev.wharf.registry.manifest.ParsedManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code wharf registry gc}: marks every blob reachable from the repositories' manifests (or, with
 * {@code deleteUntagged}, only from tags, their children and their referrers), then sweeps the rest. Blobs
 * younger than the grace period are kept, so an upload whose manifest is not pushed yet survives. A dry run
 * only reports.
 */
public final class GarbageCollector {
    private final BlobStore blobs;
    private final RepositoryIndex repos;
    private final Clock clock;

    public GarbageCollector(BlobStore blobs, RepositoryIndex repos, Clock clock) {
        this.blobs = blobs;
        this.repos = repos;
        this.clock = clock;
    }

    /**
     * @param retention keep only the newest N tags of the repositories a rule covers (first matching rule wins);
     *                  the dropped tags' manifests then go with {@code deleteUntagged}
     */
    /** A collector over a registry data dir, for {@code wharf registry gc} run beside or without the server. */
    public static GarbageCollector forDataDir(Path dataDir, Clock clock) {
        return new GarbageCollector(new BlobStore(dataDir), new RepositoryIndex(dataDir), clock);
    }

    public record Options(boolean dryRun, boolean deleteUntagged, Duration gracePeriod, List<Retention> retention) {
        public Options(boolean dryRun, boolean deleteUntagged, Duration gracePeriod) {
            this(dryRun, deleteUntagged, gracePeriod, List.of());
        }

        public static Options dryRunFirst() {
            return new Options(true, false, Duration.ofHours(1));
        }
    }

    /** Keep the last {@code keepLast} tags in repositories matching {@code namespace} ({@code *}, {@code team/*}, exact). */
    public record Retention(String namespace, int keepLast) {
        boolean covers(String repository) {
            return namespace.equals("*") || namespace.equals(repository)
                    || namespace.endsWith("/*") && repository.startsWith(namespace.substring(0, namespace.length() - 1));
        }
    }

    /** What was (or, in a dry run, would be) deleted; tags as {@code repo:tag}, manifests as {@code repo@digest}. */
    public record Report(boolean dryRun, int marked, List<Digest> blobs, long bytes, List<String> manifests,
                         List<String> tags, List<String> staleUploads) {
    }

    public Report run(Options options) throws IOException {
        Set<Digest> marked = new HashSet<>();
        List<String> untagged = new ArrayList<>();
        List<String> droppedTags = new ArrayList<>();
        for (String repo : repos.repositories()) {
            Optional<Retention> rule = options.retention().stream().filter(r -> r.covers(repo)).findFirst();
            if (rule.isPresent()) {
                List<String> newest = repos.tagsNewestFirst(repo);
                for (String tag : newest.subList(Math.min(newest.size(), rule.get().keepLast()), newest.size())) {
                    droppedTags.add(repo + ":" + tag);
                    if (!options.dryRun()) {
                        repos.untag(repo, tag);
                    }
                }
            }
        }
        for (String repo : repos.repositories()) {
            List<Digest> all = repos.manifests(repo);
            Set<Digest> kept = new HashSet<>();
            Set<Digest> roots = new HashSet<>();
            repos.tags(repo).forEach((tag, d) -> {
                if (!droppedTags.contains(repo + ":" + tag)) {
                    roots.add(d);
                }
            });
            Deque<Digest> work = new ArrayDeque<>(options.deleteUntagged() ? roots : all);
            boolean grew = true;
            while (grew) {
                while (!work.isEmpty()) {
                    Digest d = work.pop();
                    if (!kept.add(d)) {
                        continue;
                    }
                    marked.add(d);
                    parse(repo, d).ifPresent(m -> {
                        m.blobs().forEach(b -> marked.add(b.digest()));
                        m.children().forEach(c -> work.push(c.digest()));
                    });
                }
                grew = false;
                for (Digest d : all) {
                    if (!kept.contains(d)) {
                        Optional<Descriptor> subject = parse(repo, d).flatMap(ParsedManifest::subject);
                        if (subject.isPresent() && kept.contains(subject.get().digest())) {
                            work.push(d);
                            grew = true;
                        }
                    }
                }
            }
            for (Digest d : all) {
                if (!kept.contains(d)) {
                    untagged.add(repo + "@" + d);
                    if (!options.dryRun()) {
                        repos.deleteManifest(repo, d);
                    }
                }
            }
        }
        Instant cutoff = clock.now().minus(options.gracePeriod());
        List<Digest> swept = new ArrayList<>();
        long bytes = 0;
        for (Digest d : blobs.all()) {
            if (marked.contains(d) || blobs.modified(d).toInstant().isAfter(cutoff)) {
                continue;
            }
            bytes += blobs.size(d).orElse(0L);
            swept.add(d);
            if (!options.dryRun()) {
                blobs.delete(d);
            }
        }
        List<String> stale = new ArrayList<>();
        for (Path area : List.of(blobs.dataDir().resolve("uploads"), blobs.tmpDir())) {
            stale.addAll(sweepStale(area, cutoff, options.dryRun()));
        }
        return new Report(options.dryRun(), marked.size(), swept, bytes, untagged, droppedTags, stale);
    }

    /** Upload sessions and temp files untouched since before the cutoff (abandoned pushes, crashes). */
    private static List<String> sweepStale(Path area, Instant cutoff, boolean dryRun) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(area)) {
            return out;
        }
        try (Stream<Path> entries = Files.list(area)) {
            for (Path e : entries.toList()) {
                List<Path> tree;
                try (Stream<Path> walk = Files.walk(e)) {
                    tree = walk.sorted(Comparator.reverseOrder()).toList();
                }
                Instant newest = Instant.EPOCH;
                for (Path p : tree) {
                    Instant t = Files.getLastModifiedTime(p).toInstant();
                    newest = t.isAfter(newest) ? t : newest;
                }
                if (newest.isBefore(cutoff)) {
                    out.add(area.getFileName() + "/" + e.getFileName());
                    if (!dryRun) {
                        for (Path p : tree) {
                            Files.deleteIfExists(p);
                        }
                    }
                }
            }
        }
        return out;
    }

    private Optional<ParsedManifest> parse(String repo, Digest d) {
        Optional<String> type = repos.manifestType(repo, d);
        Optional<byte[]> body = blobs.read(d);
        if (type.isEmpty() || body.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ParsedManifest.parse(body.get(), type.get()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
