package dev.wharf.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.apiserver.auth.TokenAuthenticator;
import dev.wharf.apiserver.rest.WriteOptions;
import dev.wharf.common.Clock;
import dev.wharf.common.Randoms;
import dev.wharf.spi.store.MemoryStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An API server over HTTPS with a bearer token, a namespace "default" and a kubeconfig for it, driven by one real
 * kubectl binary (skipped when the binary is missing, failing instead under CI=true).
 */
final class KubectlTarget implements AutoCloseable {
    final Path dir;
    final Path kubectl;
    final String token;
    final TestCerts certs;
    final MemoryStore store = new MemoryStore();
    final ApiServer server;
    final Path kubeconfig;

    record Result(int rc, String out, String err) {
    }

    private KubectlTarget(Path dir, Path kubectl, String token, long seed) throws Exception {
        this.dir = dir;
        this.kubectl = kubectl;
        this.token = token;
        this.certs = TestCerts.create(dir);
        this.server = new ApiServer(ApiServerConfig.defaults(store, Clock.system(), Randoms.seeded(seed))
                .withTls(certs.certPem(), certs.keyPem())
                .withAuthenticator(TokenAuthenticator.staticToken(token, TokenAuthenticator.admin())));
        server.start();
        server.service().creates().create(ResourceTypes.NAMESPACES, null, ApiFixture.obj("v1", "Namespace", null, "default"),
                WriteOptions.of("test"));
        this.kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: wharf
                  cluster:
                    server: https://127.0.0.1:%d
                    certificate-authority-data: %s
                users:
                - name: admin
                  user: {token: %s}
                contexts:
                - name: wharf
                  context: {cluster: wharf, user: admin, namespace: default}
                current-context: wharf
                """.formatted(server.port(), Base64.getEncoder().encodeToString(certs.certificatePem().getBytes(StandardCharsets.UTF_8)),
                token));
    }

    static KubectlTarget start(Path dir, Path kubectl, String token, long seed) throws Exception {
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(Files.isExecutable(kubectl), kubectl + " is not installed");
        }
        return new KubectlTarget(dir, kubectl, token, seed);
    }

    /** Runs kubectl against {@code config} with {@code stdin} (may be null), waiting up to 60 s. */
    Result run(Path config, String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig", config.toString(),
                "--cache-dir", dir.resolve("cache").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile()).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kubectl %s finished", String.join(" ", args)).isTrue();
        return new Result(p.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
    }

    @Override
    public void close() {
        server.stop();
        store.close();
    }
}
