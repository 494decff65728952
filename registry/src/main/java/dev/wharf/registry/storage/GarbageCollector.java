package dev.wharf.registry.storage;

import dev.wharf.common.Clock;
import dev.wharf.registry.manifest.Descriptor;
import dev.wharf.registry.manifest.ParsedManifest;
import java.io.IOException;
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

    public record Options(boolean dryRun, boolean deleteUntagged, Duration gracePeriod) {
        public static Options dryRunFirst() {
            return new Options(true, false, Duration.ofHours(1));
        }
    }

    /** What was (or, in a dry run, would be) deleted. */
    public record Report(boolean dryRun, int marked, List<Digest> blobs, long bytes, List<String> manifests) {
    }

    public Report run(Options options) throws IOException {
        Set<Digest> marked = new HashSet<>();
        List<String> untagged = new ArrayList<>();
        for (String repo : repos.repositories()) {
            List<Digest> all = repos.manifests(repo);
            Set<Digest> kept = new HashSet<>();
            Deque<Digest> work = new ArrayDeque<>(options.deleteUntagged() ? repos.tags(repo).values() : all);
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
        return new Report(options.dryRun(), marked.size(), swept, bytes, untagged);
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
