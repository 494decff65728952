package dev.wharf.builder.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wharf.builder.run.RuncRunner;
import dev.wharf.common.Randoms;
import dev.wharf.images.bootstrap.BootstrapImages;
import dev.wharf.images.registry.RegistryClient;
import dev.wharf.images.registry.RegistryOptions;
import dev.wharf.images.store.NodeImageStore;
import dev.wharf.registry.RegistryConfig;
import dev.wharf.registry.RegistryServer;
import dev.wharf.spi.image.ImageRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import dev.wharf.builder.fs.Trees;

/**
 * The multi-stage Java example: compile and jar on {@code wharf/jdk:21}, run on {@code wharf/jre:21}, both
 * bootstrapped (jlink, small module sets to stay fast) and pushed to a Wharf registry first. The final stage runs
 * the jar once (RUN) to prove the runtime works; a rebuild is all CACHED with the same digest; the image is pushed.
 */
class JavaMultiStageIT {
    private static final Path RUNC = Path.of("/usr/sbin/runc");

    @Test
    void compilesOnJdkAndRunsOnJre() throws Exception {
        boolean ok = Files.isExecutable(RUNC) && "root".equals(System.getProperty("user.name"))
                && Files.isExecutable(Path.of(System.getProperty("java.home"), "bin", "jlink"));
        if (!ok && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("runc, root and jlink are required under CI=true");
        }
        assumeTrue(ok, "needs root, runc and jlink");
        // not @TempDir: the bootstrap images hold absolute symlinks that JUnit warns about one by one
        Path tmp = Files.createTempDirectory("wharf-java-it-");
        RegistryServer registry = new RegistryServer(RegistryConfig.defaults(tmp.resolve("registry")));
        registry.start();
        try {
            String host = "127.0.0.1:" + registry.port();
            RegistryClient client = new RegistryClient(RegistryOptions.defaults());
            NodeImageStore store = new NodeImageStore(tmp.resolve("node"), client);
            BootstrapImages.Options defaults = BootstrapImages.Options.defaults();
            BootstrapImages boot = new BootstrapImages(tmp.resolve("node"), store, new BootstrapImages.Options(defaults.busybox(),
                    defaults.tini(), defaults.jdkHome(), List.of("java.base"),
                    List.of("java.base", "java.compiler", "jdk.compiler", "jdk.jartool", "jdk.zipfs"), defaults.jlinkCache()));
            boot.jre();
            boot.jdk();
            boot.push(client, host, null, List.of(BootstrapImages.JRE, BootstrapImages.JDK));

            Path ctx = Files.createDirectories(tmp.resolve("ctx/src"));
            Files.writeString(ctx.resolve("Hello.java"), """
                    public class Hello {
                        public static void main(String[] args) {
                            System.out.println("hello from wharf on " + System.getProperty("java.specification.version"));
                        }
                    }
                    """);
            String dockerfile = """
                    ARG REGISTRY
                    FROM ${REGISTRY}/wharf/jdk:21 AS build
                    WORKDIR /src
                    COPY src/ ./
                    RUN javac -d /out Hello.java && jar --create --file /app.jar --main-class Hello -C /out .

                    FROM ${REGISTRY}/wharf/jre:21
                    COPY --from=build /app.jar /app/app.jar
                    RUN java -jar /app/app.jar > /app/greeting.txt
                    CMD ["java", "-jar", "/app/app.jar"]
                    """;
            Path data = tmp.resolve("builder");
            BuildRequest req = new BuildRequest(tmp.resolve("ctx"), "Dockerfile", dockerfile, Map.of("REGISTRY", host), null);
            List<String> lines = new ArrayList<>();
            ImageBuilder b = new ImageBuilder(data, new RegistryBaseImageSource(client, h -> null),
                    new RuncRunner(RUNC, data, Randoms.seeded(3)), BuildProgress.printing(lines::add), 0);
            BuildResult first = b.build(req);
            var last = Layers.read(b.blobs(), first.manifest().layers().getLast());
            assertThat(last.get("app/greeting.txt").content()).as(String.join("\n", lines)).startsWith("hello from wharf on ");

            List<String> again = new ArrayList<>();
            BuildResult second = new ImageBuilder(data, new RegistryBaseImageSource(client, h -> null),
                    new RuncRunner(RUNC, data, Randoms.seeded(4)), BuildProgress.printing(again::add), 0).build(req);
            assertThat(second.digest()).isEqualTo(first.digest());
            assertThat(again).filteredOn(l -> l.contains("RUN ")).allMatch(l -> l.startsWith("CACHED"));

            String pushed = new ImagePublisher(b.blobs(), BuildProgress.printing(lines::add))
                    .push(first.manifest(), ImageRef.parse(host + "/team/hello:1"), client, null);
            assertThat(pushed).isEqualTo(first.digest());
            assertThat(client.resolve(ImageRef.parse(host + "/team/hello:1"), null).manifest().digest()).isEqualTo(first.digest());
        } finally {
            registry.stop();
            Trees.delete(tmp);
        }
    }
}
