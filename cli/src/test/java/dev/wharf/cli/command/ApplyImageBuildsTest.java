package dev.wharf.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.cli.CliException;
import dev.wharf.cli.apply.ImageBuild;
import dev.wharf.cli.apply.ImageBuildHook;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wharf apply} hands the builds that manifests ask for to the image build hook before applying. */
@EnableKubernetesMockClient(crud = true)
class ApplyImageBuildsTest {
    static final String APP = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              annotations: {build.wharf.dev/images: '{"web": "./web"}'}
            spec:
              replicas: 1
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: web, image: "127.0.0.1:5000/team/web:1"}]
            """;

    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    Path home;

    CliHarness cli;
    Path manifest;
    final List<ImageBuild> built = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliHarness(server, client, home);
        manifest = cli.file("app/web.yaml", APP);
        Files.createDirectories(home.resolve("app/web"));
        Files.writeString(home.resolve("app/web/Dockerfile"), "FROM busybox:latest\n");
        client.apps().deployments().inNamespace("default").withName("web").delete();
    }

    ImageBuildHook recording(boolean fail) {
        return (builds, settings) -> {
            assertThat(settings.kubeconfig()).isEqualTo(home.resolve(".wharf/kubeconfig"));
            built.addAll(builds);
            settings.out().println("built " + builds.size());
            if (fail) {
                throw new CliException("error: building 127.0.0.1:5000/team/web:1 failed: RUN exited 1");
            }
            return java.util.Map.of("127.0.0.1:5000/team/web:1", "sha256:" + "b".repeat(64));
        };
    }

    @Test
    void buildsFirstThenApplies() {
        CliHarness.Result r = cli.runWith(recording(false), "", "apply", "-f", manifest.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("built 1\ndeployment.apps/web created\n");
        assertThat(built).containsExactly(new ImageBuild("127.0.0.1:5000/team/web:1", home.resolve("app/web"),
                "Deployment/web, container web"));
        assertThat(client.apps().deployments().inNamespace("default").withName("web").get().getSpec().getTemplate()
                .getSpec().getContainers().getFirst().getImage()).isEqualTo("127.0.0.1:5000/team/web:1@sha256:" + "b".repeat(64));
    }

    @Test
    void aFailedBuildAppliesNothing() {
        CliHarness.Result r = cli.runWith(recording(true), "", "apply", "-f", manifest.toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("RUN exited 1");
        assertThat(client.apps().deployments().inNamespace("default").withName("web").get()).isNull();
    }

    @Test
    void noBuildSkipsTheHookAndACliWithoutABuilderSaysSo() {
        CliHarness.Result skipped = cli.runWith(recording(true), "", "apply", "--no-build", "-f", manifest.toString());
        assertThat(skipped.code()).as(skipped.err()).isZero();
        assertThat(built).isEmpty();
        client.apps().deployments().inNamespace("default").withName("web").delete();
        CliHarness.Result none = cli.run("apply", "-f", manifest.toString());
        assertThat(none.code()).isNotZero();
        assertThat(none.err()).contains("no image builder").contains("--no-build");
    }
}
