package dev.wharf.builder.build;

import dev.wharf.builder.dockerfile.Dockerfile;
import dev.wharf.builder.dockerfile.DockerfileParser;
import dev.wharf.builder.dockerfile.Dockerignore;
import dev.wharf.builder.dockerfile.Instruction;
import dev.wharf.builder.dockerfile.ShellWords;
import dev.wharf.builder.dockerfile.Stage;
import dev.wharf.builder.fs.LayerDirs;
import dev.wharf.builder.run.RuncRunner;
import dev.wharf.images.blob.BlobStore;
import dev.wharf.images.oci.Manifest;
import dev.wharf.builder.fs.Overlay;
import dev.wharf.builder.fs.Trees;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds an OCI image from a Dockerfile without a daemon. Stages the target needs are built in order; each
 * RUN runs in runc on an overlay of the layers so far, each COPY/ADD writes into such an overlay, and the upper
 * directory becomes the new layer. Layer steps are looked up in the {@link BuildCache} first.
 *
 * <p>State under {@code dataDir}: {@code blobs/} (layers, configs, manifests), {@code l/} (unpacked layers),
 * {@code cache/} (step key to layer), {@code runc/} and {@code bundles/} (running steps).
 */
public final class ImageBuilder {
    private final Path dataDir;
    private final BaseImageSource bases;
    private final RuncRunner runner;
    private final BuildProgress progress;
    private final long epochSeconds;
    private final BlobStore blobs;
    private final LayerDirs dirs;
    private final BuildCache cache;

    /**
     * @param runner runs RUN steps; null when runc is unavailable (a RUN then fails with a clear message)
     * @param epochSeconds the timestamp of every layer entry and history line (SOURCE_DATE_EPOCH, else 0)
     */
    public ImageBuilder(Path dataDir, BaseImageSource bases, RuncRunner runner, BuildProgress progress, long epochSeconds)
            throws IOException {
        this.dataDir = Files.createDirectories(dataDir);
        this.bases = bases;
        this.runner = runner;
        this.progress = progress;
        this.epochSeconds = epochSeconds;
        this.blobs = new BlobStore(dataDir);
        this.dirs = new LayerDirs(dataDir);
        this.cache = new BuildCache(dataDir.resolve("cache"), blobs);
    }

    public BlobStore blobs() {
        return blobs;
    }

    /**
     * Builds the request. Builds sharing a data dir take turns (a file lock), and each first clears what a killed
     * build left: its mounts and scratch directories.
     */
    public BuildResult build(BuildRequest req) throws IOException {
        try (FileChannel ch = FileChannel.open(dataDir.resolve("build.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = ch.lock()) {
            clearLeftovers();
            return buildLocked(req);
        }
    }

    private void clearLeftovers() throws IOException {
        Overlay.unmountAllUnder(dataDir);
        for (Path dir : List.of(dataDir, dataDir.resolve("l"))) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    String n = p.getFileName().toString();
                    if (n.startsWith("step-") || n.startsWith("from-") || n.startsWith("add-") || n.startsWith("unpack-")
                            || n.startsWith("scaffold-")) {
                        Trees.delete(p);
                    }
                }
            }
        }
    }

    private BuildResult buildLocked(BuildRequest req) throws IOException {
        Dockerfile df = DockerfileParser.parse(req.dockerfileName(), req.dockerfile());
        df.warnings().forEach(w -> progress.info("WARNING: " + w));
        Path ignoreFile = req.context().resolve(".dockerignore");
        Dockerignore ignore = Files.isRegularFile(ignoreFile) ? Dockerignore.parse(Files.readString(ignoreFile)) : Dockerignore.none();
        Map<String, String> global = globalArgs(df, req.buildArgs());
        warnUnusedArgs(df, req.buildArgs());
        Stage target = req.target() == null ? df.stages().getLast()
                : df.stage(req.target()).orElseThrow(() -> new IOException("target stage \"" + req.target() + "\" could not be found"));
        TreeSet<Integer> needed = new TreeSet<>();
        need(df, target, global, needed);
        int total = needed.stream().mapToInt(i -> 1 + df.stages().get(i).body().size()).sum();
        StageBuilder.Shared shared = new StageBuilder.Shared(df, bases, runner, progress, epochSeconds, blobs, dirs, cache,
                req.context(), ignore, req.buildArgs(), global, new HashMap<>(), new int[] {0}, total);
        for (int i : needed) {
            shared.done().put(i, new StageBuilder(shared, df.stages().get(i)).build());
        }
        Manifest m = ImageOutput.assemble(shared.done().get(target.index()), blobs, epochSeconds);
        return new BuildResult(m, df.warnings());
    }

    private static Map<String, String> globalArgs(Dockerfile df, Map<String, String> buildArgs) {
        Map<String, String> global = new LinkedHashMap<>();
        for (Instruction in : df.globalArgs()) {
            String raw = in.args().getFirst();
            int eq = raw.indexOf('=');
            String name = eq < 0 ? raw : raw.substring(0, eq);
            String value = buildArgs.containsKey(name) ? buildArgs.get(name)
                    : eq < 0 ? null : words(df, global).word(raw.substring(eq + 1));
            global.put(name, value);
        }
        return global;
    }

    private void warnUnusedArgs(Dockerfile df, Map<String, String> buildArgs) {
        TreeSet<String> declared = new TreeSet<>();
        List<Instruction> args = new java.util.ArrayList<>(df.globalArgs());
        df.stages().forEach(s -> s.body().stream().filter(i -> i.keyword().equals("ARG")).forEach(args::add));
        for (Instruction in : args) {
            String raw = in.args().getFirst();
            declared.add(raw.contains("=") ? raw.substring(0, raw.indexOf('=')) : raw);
        }
        TreeSet<String> unused = new TreeSet<>(buildArgs.keySet());
        unused.removeAll(declared);
        if (!unused.isEmpty()) {
            progress.info("WARNING: build-args " + unused + " were not consumed (no ARG declares them)");
        }
    }

    static ShellWords words(Dockerfile df, Map<String, String> vars) {
        return new ShellWords(df.escape(), vars::get);
    }

    /** Adds the target and the stages it reads from (FROM stage, COPY --from) to {@code needed}. */
    private static void need(Dockerfile df, Stage s, Map<String, String> global, TreeSet<Integer> needed) {
        if (!needed.add(s.index())) {
            return;
        }
        String base = words(df, global).word(s.baseRaw());
        df.stages().stream().filter(o -> o.index() < s.index() && o.name() != null && o.name().equalsIgnoreCase(base))
                .findFirst().ifPresent(o -> need(df, o, global, needed));
        for (Instruction in : s.body()) {
            String from = in.flag("from");
            if (in.keyword().equals("COPY") && from != null) {
                String ref = words(df, global).word(from);
                df.stages().stream().filter(o -> o.index() < s.index() && o.answersTo(ref)).findFirst()
                        .ifPresent(o -> need(df, o, global, needed));
            }
        }
    }
}
