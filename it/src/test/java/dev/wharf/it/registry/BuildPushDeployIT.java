package dev.wharf.it.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.it.support.Kubectl;
import dev.wharf.it.support.Tools;
import dev.wharf.it.support.WharfCommand;
import dev.wharf.it.support.WharfProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's path of issue 5: bootstrap the base images into Wharf's registry, build examples/hello (a multi-stage
 * Java build: javac on wharf/jdk:21, run on wharf/jre:21) without a daemon, push it, deploy it by its registry
 * reference (the nodes pull with their own credentials), and get an HTTP answer; a rebuild is cached.
 */
class BuildPushDeployIT {
    @TempDir
    Path tmp;

    @Test
    void buildPushDeployAndServe() throws Exception {
        Tools.require("runc");
        Tools.requireRoot();
        int registryPort = WharfProcess.freePort();
        try (WharfProcess wharf = WharfProcess.start(tmp.resolve("data"), "--nodes", "1", "--runtime", "runc",
                "--registry-port", String.valueOf(registryPort))) {
            WharfCommand wharfCli = new WharfCommand(wharf.kubeconfig());
            String registry = "127.0.0.1:" + registryPort;
            // the client side of a build works in its own data dir (its cache), with the admin's credentials
            String data = tmp.resolve("client").toString();
            String creds = "admin:" + wharf.adminToken();
            wharfCli.ok(Duration.ofMinutes(4), "image", "bootstrap", "--data-dir", data, "--push", registry, "--creds", creds);

            Path hello = Path.of(System.getProperty("user.dir")).getParent().resolve("examples/hello");
            assertThat(hello.resolve("Dockerfile")).exists();
            List<String> build = List.of("image", "build", "--data-dir", data, "--creds", creds, "-t", registry + "/team/hello:1",
                    "--build-arg", "REGISTRY=" + registry, "--push", "--insecure", hello.toString());
            String first = wharfCli.ok(Duration.ofMinutes(4), build.toArray(String[]::new));
            String digest = first.strip().lines().reduce((a, b) -> b).orElseThrow();
            assertThat(digest).contains("sha256:");
            String again = wharfCli.ok(Duration.ofMinutes(2), build.toArray(String[]::new));
            assertThat(again).contains("CACHED");
            assertThat(again.strip().lines().reduce((a, b) -> b).orElseThrow()).isEqualTo(digest);

            Kubectl kubectl = Kubectl.dispatcher(wharf);
            Path manifest = tmp.resolve("hello.yaml");
            Files.writeString(manifest, """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: hello}
                    spec:
                      replicas: 1
                      selector: {matchLabels: {app: hello}}
                      template:
                        metadata: {labels: {app: hello}}
                        spec:
                          containers:
                          - name: hello
                            image: %s/team/hello:1
                            ports: [{containerPort: 8080}]
                            readinessProbe: {httpGet: {path: /, port: 8080}, periodSeconds: 1}
                    """.formatted(registry));
            kubectl.ok("apply", "-f", manifest.toString());
            Kubectl.Result wait = kubectl.run("wait", "--for=condition=Available", "deploy/hello", "--timeout=120s");
            assertThat(wait.exitCode()).as(kubectl.run("describe", "pods", "-l", "app=hello").stdout()).isZero();
            String ip = kubectl.ok("get", "pods", "-l", "app=hello", "-o", "jsonpath={.items[0].status.podIP}");
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).startsWith("hello from");
            assertThat(kubectl.ok("get", "events", "--field-selector", "reason=Pulled")).contains("team/hello:1");
        }
    }
}
