package dev.wharf.builder.cli;

import dev.wharf.builder.build.BuildProgress;
import dev.wharf.builder.build.BuildRequest;
import dev.wharf.builder.build.BuildResult;
import dev.wharf.builder.build.ImageBuilder;
import dev.wharf.builder.build.ImagePublisher;
import dev.wharf.builder.build.RegistryBaseImageSource;
import dev.wharf.builder.dockerfile.DockerfileException;
import dev.wharf.builder.run.RuncRunner;
import dev.wharf.common.Randoms;
import dev.wharf.images.registry.RegistryClient;
import dev.wharf.images.registry.RegistryOptions;
import dev.wharf.spi.image.ImageRef;
import dev.wharf.spi.image.ImagePullException;
import dev.wharf.spi.image.RegistryCredentials;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wharf image build}: a Dockerfile build without a daemon, optionally pushed; the digest is printed last. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Build an OCI image from a Dockerfile (RUN steps in runc, no daemon, no network).")
public final class ImageBuildCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-t", "--tag"}, required = true, paramLabel = "REGISTRY/NAME:TAG", description = "image reference")
    String tag;

    @Option(names = {"-f", "--file"}, paramLabel = "Dockerfile", description = "default: DIR/Dockerfile")
    Path file;

    @Option(names = "--build-arg", paramLabel = "K=V", description = "build argument (repeatable)")
    List<String> buildArgs = List.of();

    @Option(names = "--target", paramLabel = "STAGE", description = "build this stage instead of the last")
    String target;

    @Option(names = "--push", description = "push the image to its registry")
    boolean push;

    @Option(names = "--insecure", description = "talk to the registry over plain HTTP (loopback always is)")
    boolean insecure;

    @Option(names = "--creds", paramLabel = "USER:PASSWORD", description = "registry credentials (default: admin and ~/.wharf/admin.token)")
    String creds;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Wharf data dir (default ~/.wharf); the build cache is DIR/builder")
    Path dataDir = dev.wharf.common.Homes.wharfDir();

    @Option(names = "--oci-layout", paramLabel = "DIR", description = "write the image as an OCI layout here (default DATA/builder/layouts/NAME)")
    Path layout;

    @Option(names = "--ca-cert", paramLabel = "PEM", description = "extra CA to trust for the registry (default: DATA/pki/ca.crt when present)")
    Path caCert;

    @Option(names = "--runc", paramLabel = "PATH", description = "runc binary (default: runc on PATH)")
    Path runc;

    @Parameters(index = "0", paramLabel = "DIR", description = "build context")
    Path context;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImageRef ref;
        Map<String, String> args = new LinkedHashMap<>();
        try {
            ref = ImageRef.parse(tag);
            for (String a : buildArgs) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--build-arg " + a + ": expected KEY=VALUE");
                }
                args.put(a.substring(0, eq), a.substring(eq + 1));
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        Path dockerfile = file != null ? file : context.resolve("Dockerfile");
        if (!Files.isRegularFile(dockerfile) || !Files.isDirectory(context)) {
            err.println("error: " + (Files.isDirectory(context) ? dockerfile + " not found" : "build context " + context + " is not a directory"));
            return 2;
        }
        Path ca = caCert != null ? caCert : BuildHost.clusterCa(dataDir);
        RegistryClient client = new RegistryClient(new RegistryOptions(insecure ? Set.of(ref.registry()) : Set.of(), ca, null, null));
        RegistryCredentials credentials;
        try {
            credentials = credentials(ref.registry());
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        BuildProgress progress = BuildProgress.printing(line -> {
            out.println(line);
            out.flush();
        });
        Path data = dataDir.resolve("builder");
        Path runcPath = runc != null ? runc : BuildHost.which("runc");
        RuncRunner runner = runcPath == null ? null : new RuncRunner(runcPath, data, Randoms.secure());
        ImageBuilder builder = new ImageBuilder(data, new RegistryBaseImageSource(client,
                host -> host.equals(ref.registry()) ? credentials : null), runner, progress, BuildHost.sourceDateEpoch());
        try {
            BuildResult result = builder.build(new BuildRequest(context, dockerfile.getFileName().toString(),
                    Files.readString(dockerfile), args, target));
            ImagePublisher publisher = new ImagePublisher(builder.blobs(), progress);
            Path dir = layout != null ? layout : data.resolve("layouts").resolve(ref.repository().replace('/', '_') + "_" + ref.tag());
            publisher.writeLayout(result.manifest(), ref, dir);
            String digest = push ? publisher.push(result.manifest(), ref, client, credentials) : result.digest();
            out.println(digest);
            out.flush();
            return 0;
        } catch (DockerfileException | ImagePullException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("error: build failed: " + e.getMessage());
            return 1;
        }
    }

    private RegistryCredentials credentials(String registry) throws IOException {
        if (creds != null) {
            int colon = creds.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--creds must be USER:PASSWORD");
            }
            return new RegistryCredentials(registry, creds.substring(0, colon), creds.substring(colon + 1));
        }
        return BuildHost.adminCredentials(dataDir, registry);
    }
}
