package dev.wharf.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.cli.CliEnvironment;
import dev.wharf.cli.DiscoveryFixture;
import dev.wharf.cli.WharfCli;
import dev.wharf.common.ManualClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs {@code wharf} commands in-process against fabric8's mock API server (CRUD mode), with the discovery
 * documents of Wharf's built-in kinds and a kubeconfig in a temporary home directory.
 */
final class CliHarness {
    final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T20:00:00Z"));
    private final Path home;

    /** What a command printed and returned. */
    record Result(int code, String out, String err) {
    }

    CliHarness(KubernetesMockServer server, KubernetesClient client, Path home) {
        this.home = home;
        for (Map.Entry<String, JsonNode> doc : DiscoveryFixture.documents().entrySet()) {
            server.expect().get().withPath(doc.getKey()).andReturn(200, doc.getValue().toString()).always();
        }
        writeKubeconfig(client.getMasterUrl().toString());
    }

    /** Points ~/.wharf/kubeconfig at {@code url}. */
    void writeKubeconfig(String url) {
        try {
            Path file = home.resolve(".wharf/kubeconfig");
            Files.createDirectories(file.getParent());
            Files.writeString(file, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: wharf
                      cluster: {server: "%s", insecure-skip-tls-verify: true}
                    users:
                    - name: admin
                      user: {token: test-token}
                    contexts:
                    - name: wharf
                      context: {cluster: wharf, user: admin}
                    current-context: wharf
                    """.formatted(url));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result run(String... args) {
        return runWithStdin("", args);
    }

    Result runWithStdin(String stdin, String... args) {
        return runWith(dev.wharf.cli.apply.ImageBuildHook.NONE, stdin, args);
    }

    /** Runs a command whose {@code apply} builds images with {@code imageBuilds}. */
    Result runWith(dev.wharf.cli.apply.ImageBuildHook imageBuilds, String stdin, String... args) {
        CliEnvironment environment = new CliEnvironment(Map.of(), home,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), clock);
        CommandLine cli = WharfCli.newRoot(environment, imageBuilds);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    Path file(String name, String text) {
        try {
            Path file = home.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
