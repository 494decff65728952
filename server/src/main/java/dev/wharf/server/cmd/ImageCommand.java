package dev.wharf.server.cmd;

import dev.wharf.builder.cli.ImageBuildCommand;
import dev.wharf.images.bootstrap.BootstrapImages;
import dev.wharf.images.registry.RegistryClient;
import dev.wharf.images.registry.RegistryOptions;
import dev.wharf.images.store.NodeImageStore;
import dev.wharf.spi.image.Image;
import dev.wharf.spi.image.ImageRef;
import dev.wharf.spi.image.RegistryCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `wharf image ...`: the node image store (bootstrap, import, ls, rm) and daemonless builds. */
@Command(name = "image", mixinStandardHelpOptions = true, description = "Build images and manage this machine's image store.",
        subcommands = {ImageBuildCommand.class, ImageCommand.Bootstrap.class, ImageCommand.Import.class,
                ImageCommand.Ls.class, ImageCommand.Rm.class})
public final class ImageCommand {

    /** The node image store under DATA/images: what `wharf dev`'s nodes run pods from. */
    static NodeImageStore store(Path dataDir, Path caPem) {
        RegistryOptions options = new RegistryOptions(Set.of(), caPem != null && Files.exists(caPem) ? caPem : null,
                Duration.ofSeconds(30), Set.of());
        return new NodeImageStore(dataDir.resolve("images"), new RegistryClient(options));
    }

    static Path dataDir(Path given) {
        return given != null ? given : dev.wharf.common.Homes.wharfDir();
    }

    @Command(name = "bootstrap", mixinStandardHelpOptions = true,
            description = {"Make, with no internet, the base images the examples and tests need: busybox:latest",
                    "(Debian's busybox-static with tini), wharf/jre:21 and wharf/jdk:21 (jlink runtimes of this JDK),",
                    "store them in the node image store, and push them to a registry when --push is given."})
    static final class Bootstrap implements Callable<Integer> {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "Wharf's data dir (default: ~/.wharf).")
        Path dataDir;

        @Option(names = "--push", paramLabel = "REGISTRY", description = "Also push them to REGISTRY (host:port).")
        String push;

        @Option(names = "--creds", paramLabel = "USER:PASSWORD",
                description = "Registry credentials (default: admin and DATA_DIR/admin.token).")
        String creds;

        @Override
        public Integer call() throws Exception {
            Path dir = dataDir(dataDir);
            NodeImageStore store = store(dir, dir.resolve("pki/ca.crt"));
            BootstrapImages bootstrap = new BootstrapImages(dir, store, BootstrapImages.Options.defaults());
            for (Image image : bootstrap.all()) {
                System.out.printf("%-28s %s  %.1f MB%n", image.repoTags().isEmpty() ? image.id() : image.repoTags().get(0),
                        image.manifestDigest(), image.size() / 1e6);
            }
            if (push != null) {
                String[] up = credentials(dir, creds);
                RegistryClient client = new RegistryClient(new RegistryOptions(Set.of(), existing(dir.resolve("pki/ca.crt")),
                        Duration.ofMinutes(5), Set.of()));
                for (String pushed : bootstrap.push(client, push, new RegistryCredentials(push, up[0], up[1]),
                        List.of(BootstrapImages.BUSYBOX, BootstrapImages.JRE, BootstrapImages.JDK))) {
                    System.out.println("pushed " + pushed);
                }
            }
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import images from an OCI layout (directory or tar) or a docker-archive tar (docker save).")
    static final class Import implements Callable<Integer> {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "Wharf's data dir (default: ~/.wharf).")
        Path dataDir;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            if (!Files.exists(file)) {
                System.err.println("wharf image import: " + file + " does not exist");
                return 1;
            }
            for (Image image : store(dataDir(dataDir), null).importArchive(file)) {
                System.out.println("imported " + String.join(", ", image.repoTags()) + " " + image.manifestDigest());
            }
            return 0;
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List the images in the node image store.")
    static final class Ls implements Callable<Integer> {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "Wharf's data dir (default: ~/.wharf).")
        Path dataDir;

        @Override
        public Integer call() {
            System.out.printf("%-50s %-20s %10s%n", "IMAGE", "ID", "SIZE");
            for (Image image : store(dataDir(dataDir), null).list()) {
                String id = image.id().replace("sha256:", "");
                for (String tag : image.repoTags().isEmpty() ? List.of("<none>") : image.repoTags()) {
                    System.out.printf("%-50s %-20s %8.1fMB%n", tag, id.substring(0, Math.min(12, id.length())), image.size() / 1e6);
                }
            }
            return 0;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove an image from the node image store.")
    static final class Rm implements Callable<Integer> {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "Wharf's data dir (default: ~/.wharf).")
        Path dataDir;

        @Parameters(paramLabel = "IMAGE")
        String ref;

        @Override
        public Integer call() {
            if (!store(dataDir(dataDir), null).remove(ImageRef.parse(ref))) {
                System.err.println("wharf image rm: no image " + ref);
                return 1;
            }
            System.out.println("removed " + ref);
            return 0;
        }
    }

    static String[] credentials(Path dataDir, String creds) throws java.io.IOException {
        if (creds != null) {
            int colon = creds.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("--creds wants USER:PASSWORD");
            }
            return new String[] {creds.substring(0, colon), creds.substring(colon + 1)};
        }
        return new String[] {"admin", Files.readString(dataDir.resolve("admin.token")).trim()};
    }

    private static Path existing(Path p) {
        return Files.exists(p) ? p : null;
    }
}
