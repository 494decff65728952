package dev.wharf.it.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.it.support.Kubectl;
import dev.wharf.it.support.Tools;
import dev.wharf.it.support.WharfCommand;
import dev.wharf.it.support.WharfProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newcomer's path of issue 4 without the gateway: on a fresh `wharf dev` (runc, two zones) `wharf apply -f
 * examples/shop/` builds the three images its annotations ask for (base images from the bootstrap store `wharf dev`
 * fills in the background), pushes them to Wharf's registry and applies; every pod becomes Ready on its own probes
 * (the frontend's does not need the backends); backends name the replica that answered. A second apply is all
 * CACHED and quick. The manifests are copied with the registry port rewritten from 5000 to a free one, so that the
 * test does not need port 5000.
 */
class ShopBuildIT {
    static final List<String> PARTS = List.of("frontend", "catalog", "prices");

    @TempDir
    Path tmp;

    @Test
    void applyBuildsPushesAndRunsTheShop() throws Exception {
        Tools.require("runc");
        Tools.require("skopeo");
        Tools.requireRoot();
        int registryPort = WharfProcess.freePort();
        int gatewayPort = WharfProcess.freePort();
        String registry = "127.0.0.1:" + registryPort;
        Path shop = copyOfShop(registry);
        try (WharfProcess wharf = WharfProcess.start(tmp.resolve("data"), "--nodes", "2", "--zones", "a,b",
                "--runtime", "runc", "--registry-port", String.valueOf(registryPort),
                "--gateway-port", String.valueOf(gatewayPort))) {
            WharfCommand cli = new WharfCommand(wharf.kubeconfig());
            Kubectl.Result first = cli.run(Duration.ofMinutes(5), "apply", "-f", shop.toString());
            assertThat(first.exitCode()).as(first.stdout() + first.stderr() + wharf.logTail()).isZero();
            for (String part : PARTS) {
                assertThat(first.stdout()).contains("building " + registry + "/shop/" + part + ":1 from " + shop.resolve(part))
                        .containsPattern("shop/" + part + " \\| " + registry + "/shop/" + part + ":1 (built|CACHED) in [0-9.]+ s, pushed sha256:")
                        .contains("deployment.apps/" + part + " created", "service/" + part + " created");
                Kubectl.Result inspect = run("skopeo", "inspect", "--tls-verify=false", "--creds", "admin:" + wharf.adminToken(),
                        "docker://" + registry + "/shop/" + part + ":1");
                assertThat(inspect.exitCode()).as(inspect.stderr()).isZero();
                assertThat(inspect.stdout()).contains("\"Digest\": \"sha256:");
            }
            assertThat(first.stdout()).contains("ingress.networking.k8s.io/shop created");

            Kubectl kubectl = Kubectl.dispatcher(wharf);
            for (String part : PARTS) {
                Kubectl.Result wait = kubectl.run("wait", "--for=condition=Available", "deploy/" + part, "--timeout=150s");
                assertThat(wait.exitCode()).as(kubectl.run("describe", "pods", "-l", "component=" + part).stdout()).isZero();
            }
            // the pods run the image pinned to the digest just pushed, so a changed build rolls out
            assertThat(kubectl.ok("get", "deploy", "frontend", "-o", "jsonpath={.spec.template.spec.containers[0].image}"))
                    .matches(java.util.regex.Pattern.quote(registry + "/shop/frontend:1@sha256:") + "[0-9a-f]{64}");
            String pod = kubectl.ok("get", "pods", "-l", "component=catalog", "-o", "jsonpath={.items[0].metadata.name}");
            String ip = kubectl.ok("get", "pod", pod, "-o", "jsonpath={.status.podIP}");
            HttpResponse<String> products = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + ip + ":8080/products")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(products.statusCode()).isEqualTo(200);
            assertThat(products.headers().firstValue("X-Served-By")).contains(pod);
            assertThat(products.body()).contains("\"servedBy\":\"" + pod + "\"", "Wharf mug");

            // through the Ingress on the gateway: the frontend calls catalog and prices by service name (DNS + cluster IP)
            HttpClient http = HttpClient.newHttpClient();
            java.util.Set<String> frontends = new java.util.HashSet<>();
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + "/"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
                assertThat(page.body()).contains("catalog by catalog-", "prices by prices-", "Wharf mug");
                page.headers().firstValue("X-Served-By").ifPresent(frontends::add);
            }
            assertThat(frontends).as("both frontend replicas answer through the Ingress").hasSize(2);

            long start = System.nanoTime();
            Kubectl.Result again = cli.run(Duration.ofMinutes(2), "apply", "-f", shop.toString());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(again.exitCode()).as(again.stderr()).isZero();
            for (String part : PARTS) {
                assertThat(again.stdout()).containsPattern(registry + "/shop/" + part + ":1 CACHED in [0-9.]+ s, pushed sha256:");
            }
            assertThat(took).as("cached apply took %s", took).isLessThan(Duration.ofSeconds(30));
        }
    }

    /** examples/shop with every 127.0.0.1:5000 replaced by {@code registry}. */
    private Path copyOfShop(String registry) throws IOException {
        Path source = Path.of(System.getProperty("user.dir")).getParent().resolve("examples/shop");
        assertThat(source.resolve("frontend.yaml")).exists();
        Path target = tmp.resolve("shop");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.writeString(to, Files.readString(file).replace("127.0.0.1:5000", registry));
                }
            }
        }
        return target;
    }

    private static Kubectl.Result run(String... command) throws Exception {
        Path out = Files.createTempFile("skopeo", ".out");
        Path err = Files.createTempFile("skopeo", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new Kubectl.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
