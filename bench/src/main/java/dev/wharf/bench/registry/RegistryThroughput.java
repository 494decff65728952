package dev.wharf.bench.registry;

import dev.wharf.common.Clock;
import dev.wharf.common.Randoms;
import dev.wharf.registry.RegistryConfig;
import dev.wharf.registry.RegistryServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Push and pull throughput of a ~200 MB multi-layer image with skopeo, against Wharf's registry and Debian's
 * {@code docker-registry} (distribution 2.8, filesystem storage) in the same run. Each round starts both
 * registries on empty data dirs (so no blob is skipped), pushes the OCI layout, then pulls it into a fresh OCI
 * layout. Prints MB/s per registry and direction (median of the measured rounds).
 *
 * <p>Run: {@code java -cp bench/target/classes:$(deps) dev.wharf.bench.registry.RegistryThroughput [MB] [rounds]}.
 */
public final class RegistryThroughput {
    private RegistryThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int totalMb = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int layers = 5;
        Path work = Files.createTempDirectory("wharf-registry-bench");
        try {
            Path layout = work.resolve("image");
            long bytes = TestImage.write(layout, "1", layers, (long) totalMb * 1024 * 1024 / layers, Randoms.seeded(42));
            System.out.printf(Locale.ROOT, "image: %d layers, %.1f MB of blobs%n", layers, bytes / 1e6);
            List<double[]> wharf = new ArrayList<>();
            List<double[]> distribution = new ArrayList<>();
            for (int round = 0; round <= rounds; round++) {
                double[] w = wharfRound(work.resolve("w" + round), layout, bytes);
                double[] d = distributionRound(work.resolve("d" + round), layout, bytes);
                if (round > 0) {
                    wharf.add(w);
                    distribution.add(d);
                }
                System.out.printf(Locale.ROOT, "round %d%s: wharf push %.1f pull %.1f MB/s | docker-registry push %.1f pull %.1f MB/s%n",
                        round, round == 0 ? " (warm-up)" : "", w[0], w[1], d[0], d[1]);
            }
            System.out.printf(Locale.ROOT, "%nmedian of %d rounds (MB/s)   push     pull%n", rounds);
            System.out.printf(Locale.ROOT, "wharf registry            %7.1f  %7.1f%n", median(wharf, 0), median(wharf, 1));
            System.out.printf(Locale.ROOT, "docker-registry 2.8       %7.1f  %7.1f%n", median(distribution, 0), median(distribution, 1));
        } finally {
            delete(work);
        }
    }

    private static double[] wharfRound(Path dir, Path layout, long bytes) throws Exception {
        RegistryServer server = new RegistryServer(RegistryConfig.defaults(dir.resolve("data")).withClock(Clock.system()));
        server.start();
        try {
            return pushPull(dir, layout, "127.0.0.1:" + server.port(), bytes);
        } finally {
            server.stop();
        }
    }

    private static double[] distributionRound(Path dir, Path layout, long bytes) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.createDirectories(dir);
        Path config = dir.resolve("config.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: error
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                """.formatted(dir.resolve("data"), port));
        Process registry = new ProcessBuilder("/usr/bin/docker-registry", "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        try {
            awaitPort(port);
            return pushPull(dir, layout, "127.0.0.1:" + port, bytes);
        } finally {
            registry.destroy();
            registry.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static double[] pushPull(Path dir, Path layout, String registry, long bytes) throws Exception {
        String ref = "docker://" + registry + "/bench/app:1";
        double push = mbPerSecond(bytes, run(dir, "skopeo", "--insecure-policy", "copy", "--dest-tls-verify=false",
                "oci:" + layout + ":1", ref));
        double pull = mbPerSecond(bytes, run(dir, "skopeo", "--insecure-policy", "copy", "--src-tls-verify=false",
                ref, "oci:" + dir.resolve("pulled") + ":1"));
        return new double[] {push, pull};
    }

    private static long run(Path dir, String... command) throws Exception {
        Files.createDirectories(dir);
        long start = Clock.system().nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("skopeo.log").toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(dir.resolve("skopeo.log")));
        }
        return Clock.system().nanoTime() - start;
    }

    private static double mbPerSecond(long bytes, long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }

    private static double median(List<double[]> rounds, int column) {
        double[] v = rounds.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void awaitPort(int port) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("docker-registry did not listen on " + port);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
