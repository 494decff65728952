package dev.wharf.server.apply;

import dev.wharf.builder.cli.BuildHost;
import dev.wharf.builder.build.BuildProgress;
import dev.wharf.builder.build.BuildRequest;
import dev.wharf.builder.build.BuildResult;
import dev.wharf.builder.build.ImageBuilder;
import dev.wharf.builder.build.ImagePublisher;
import dev.wharf.builder.build.RegistryBaseImageSource;
import dev.wharf.builder.run.RuncRunner;
import dev.wharf.cli.CliException;
import dev.wharf.cli.apply.ImageBuild;
import dev.wharf.cli.apply.ImageBuildHook;
import dev.wharf.common.Clock;
import dev.wharf.common.Randoms;
import dev.wharf.images.registry.RegistryClient;
import dev.wharf.images.registry.RegistryOptions;
import dev.wharf.spi.image.ImageRef;
import dev.wharf.spi.image.RegistryCredentials;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code wharf apply}'s image builds with Wharf's daemonless builder: each context's Dockerfile is built in the
 * cache DATA/builder (DATA: the directory of the kubeconfig when it holds admin.token, as `wharf dev` writes it,
 * else ~/.wharf), tagged as the container's image and pushed with the admin credentials. Up to
 * {@code parallelism} images are in flight; the builder itself takes one build at a time (its cache directory is
 * locked per build), so builds queue while earlier images push. Base images come from {@link LocalBootstrapBaseImages}.
 */
public final class ApplyImageBuilds implements ImageBuildHook {
    static final Duration BASE_IMAGE_PATIENCE = Duration.ofSeconds(120);

    private final Clock clock;
    private final Path home;
    private final ReentrantLock builderTurn = new ReentrantLock();

    public ApplyImageBuilds() {
        this(Clock.system(), dev.wharf.common.Homes.userHome());
    }

    ApplyImageBuilds(Clock clock, Path home) {
        this.clock = clock;
        this.home = home;
    }

    @Override
    public Map<String, String> buildAll(List<ImageBuild> builds, Settings settings) {
        if (!RootCheck.isRoot()) {
            throw new CliException("error: the manifests ask for image builds (" + names(builds) + "), and image builds"
                    + " need root (RUN steps run in runc on overlay mounts); run this apply as root (sudo), or build and"
                    + " push the images beforehand (`wharf image build --push`) and apply with --no-build");
        }
        Path data = dataDir(settings.kubeconfig());
        List<ImageRef> refs = new ArrayList<>();
        for (ImageBuild b : builds) {
            refs.add(parse(b));
        }
        PrintWriter out = settings.out();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(settings.parallelism(), builds.size())));
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < builds.size(); i++) {
                ImageBuild b = builds.get(i);
                ImageRef ref = refs.get(i);
                results.add(pool.submit(() -> buildAndPush(b, ref, data, out)));
            }
            List<String> failures = new ArrayList<>();
            Map<String, String> digests = new java.util.LinkedHashMap<>();
            for (int i = 0; i < results.size(); i++) {
                try {
                    digests.put(builds.get(i).image(), results.get(i).get());
                } catch (ExecutionException e) {
                    failures.add(e.getCause().getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CliException("error: interrupted while building images");
                }
            }
            if (!failures.isEmpty()) {
                throw new CliException("error: " + failures.size() + " of " + builds.size() + " image builds failed"
                        + " (nothing was applied):\n  " + String.join("\n  ", failures));
            }
            return digests;
        } finally {
            pool.shutdownNow();
        }
    }

    private String buildAndPush(ImageBuild b, ImageRef ref, Path data, PrintWriter out) throws IOException {
        String shortName = ref.repository();
        BuildLog log = new BuildLog(shortName, out);
        log.line("building " + ref + " from " + display(b.context()) + " (" + b.requestedBy() + ")");
        RegistryClient client = new RegistryClient(new RegistryOptions(Set.of(), BuildHost.clusterCa(data), null, null));
        RegistryCredentials creds = BuildHost.adminCredentials(data, ref.registry());
        Path runc = BuildHost.which("runc");
        Path builderDir = data.resolve("builder");
        BuildResult result;
        ImageBuilder builder;
        long start;
        builderTurn.lock();
        try {
            start = clock.nanoTime();
            LocalBootstrapBaseImages bases = new LocalBootstrapBaseImages(
                    new RegistryBaseImageSource(client, host -> host.equals(ref.registry()) ? creds : null),
                    data.resolve("images"), clock, d -> Thread.sleep(d), BASE_IMAGE_PATIENCE, log::line);
            builder = new ImageBuilder(builderDir, bases, runc == null ? null : new RuncRunner(runc, builderDir, Randoms.secure()),
                    log, BuildHost.sourceDateEpoch());
            String dockerfile = Files.readString(b.context().resolve("Dockerfile"));
            Map<String, String> args = dockerfile.matches("(?s).*\\bARG\\s+REGISTRY\\b.*") ? Map.of("REGISTRY", ref.registry()) : Map.of();
            result = builder.build(new BuildRequest(b.context(), "Dockerfile", dockerfile, args, null));
        } catch (IOException | RuntimeException e) {
            throw new IOException(ref + " (from " + display(b.context()) + "): " + e.getMessage(), e);
        } finally {
            builderTurn.unlock();
        }
        String built = String.format("%s in %.1f s", log.allCached() ? "CACHED" : "built", (clock.nanoTime() - start) / 1e9);
        String digest;
        try {
            digest = new ImagePublisher(builder.blobs(), BuildProgress.printing(line -> { })).push(result.manifest(), ref, client, creds);
        } catch (RuntimeException e) {
            throw new IOException(ref + ": built, but the push to " + ref.registry() + " failed: " + e.getMessage(), e);
        }
        log.line(ref + " " + built + ", pushed " + digest);
        return digest;
    }

    private static ImageRef parse(ImageBuild b) {
        try {
            ImageRef ref = ImageRef.parse(b.image());
            if (ref.tag() == null || ref.digest() != null) {
                throw new IllegalArgumentException("a build needs a tag, not a digest");
            }
            if (ref.registry().equals(ImageRef.DOCKER_HUB) && !b.image().startsWith(ImageRef.DOCKER_HUB)) {
                throw new IllegalArgumentException("name the registry to push to, e.g. 127.0.0.1:5000/" + ref.repository()
                        + ":" + ref.tag() + " (the image names no registry host, so it would go to Docker Hub)");
            }
            return ref;
        } catch (IllegalArgumentException e) {
            throw new CliException("error: cannot build the image \"" + b.image() + "\" of " + b.requestedBy() + ": " + e.getMessage());
        }
    }

    /** The directory of the kubeconfig when `wharf dev` wrote it there (admin.token beside it), else ~/.wharf. */
    Path dataDir(Path kubeconfig) {
        if (kubeconfig != null) {
            Path dir = kubeconfig.toAbsolutePath().getParent();
            if (dir != null && Files.isRegularFile(dir.resolve("admin.token"))) {
                return dir;
            }
        }
        return home.resolve(".wharf");
    }

    private static String display(Path context) {
        Path cwd = Path.of("").toAbsolutePath();
        return context.startsWith(cwd) ? cwd.relativize(context).toString() : context.toString();
    }

    private static String names(List<ImageBuild> builds) {
        return String.join(", ", builds.stream().map(ImageBuild::image).toList());
    }
}
