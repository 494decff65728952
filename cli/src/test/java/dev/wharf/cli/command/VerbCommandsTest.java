package dev.wharf.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** delete, scale, create namespace, logs, describe, version, config and help against fabric8's mock server. */
@EnableKubernetesMockClient(crud = true)
class VerbCommandsTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    Path home;

    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(server, client, home);
    }

    private void configMap(String namespace, String name, String app) {
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .addToLabels("app", app).endMetadata().addToData("k", "v").build()).create();
    }

    @Test
    void deleteByKindAndNameThenReportsMissingOnes() {
        configMap("del", "gone", "x");

        CliHarness.Result deleted = cli.run("delete", "cm", "gone", "-n", "del", "--grace-period", "0", "--wait", "--timeout", "10");
        CliHarness.Result again = cli.run("delete", "configmap/gone", "-n", "del");

        assertThat(deleted.out()).isEqualTo("configmap \"gone\" deleted\n");
        assertThat(client.configMaps().inNamespace("del").withName("gone").get()).isNull();
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("Error from server (NotFound): configmaps \"gone\" not found\n");
    }

    @Test
    void deleteFromAManifest() {
        configMap("default", "from-file", "x");
        Path file = cli.file("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-file}\n");

        CliHarness.Result result = cli.run("delete", "-f", file.toString(), "--cascade=foreground");

        assertThat(result.out()).isEqualTo("configmap \"from-file\" deleted\n");
        assertThat(cli.run("delete", "-f", file.toString(), "--cascade=sideways").err()).contains("--cascade must be");
    }

    @Test
    void scaleSetsReplicas() {
        client.apps().deployments().inNamespace("default").resource(new DeploymentBuilder().withNewMetadata().withName("web")
                .endMetadata().withNewSpec().withReplicas(1).endSpec().build()).create();

        CliHarness.Result result = cli.run("scale", "deployment/web", "--replicas", "3");

        assertThat(result.err()).isEmpty();
        assertThat(result.out()).isEqualTo("deployment.apps/web scaled\n");
        assertThat(client.apps().deployments().inNamespace("default").withName("web").get().getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void createNamespaceAndRefuseADuplicate() {
        CliHarness.Result created = cli.run("create", "namespace", "demo");

        assertThat(created.out()).isEqualTo("namespace/demo created\n");
        assertThat(client.namespaces().withName("demo").get()).isNotNull();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("taken").endMetadata().build()).create();
        CliHarness.Result duplicate = cli.run("create", "ns", "taken");
        assertThat(duplicate.code()).isEqualTo(1);
        assertThat(duplicate.err()).startsWith("Error from server (").contains("already exists");
    }

    @Test
    void versionPrintsClientAndServer() {
        CliHarness.Result result = cli.run("version");

        assertThat(result.out()).startsWith("Client Version: wharf ").contains("Server Version: ");
    }

    @Test
    void logsPrintsTheServersRefusal() {
        server.expect().get().withPath("/api/v1/namespaces/default/pods/web-1/log?container=web")
                .andReturn(400, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":400,"
                        + "\"reason\":\"BadRequest\",\"message\":\"pod web-1 has no node yet: logs exist once an agent runs it\"}")
                .once();

        CliHarness.Result result = cli.run("logs", "web-1", "-c", "web");

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Error from server (BadRequest): pod web-1 has no node yet: logs exist once an agent runs it\n");
    }

    @Test
    void helpExplainsEveryVerb() {
        CliHarness.Result help = cli.run("get", "--help");

        assertThat(help.out()).contains("List objects of a kind").contains("--kubeconfig").contains("-A, --all-namespaces");
    }

    @Test
    void describeShowsMetadataDataAndEvents() {
        configMap("desc", "settings", "web");

        CliHarness.Result result = cli.run("describe", "configmap/settings", "-n", "desc");

        assertThat(result.err()).isEmpty();
        assertThat(result.out()).startsWith("Name:").containsPattern("Namespace:\\s+desc").containsPattern("Labels:\\s+app=web")
                .contains("Data:\n  k: v\n").containsPattern("Events:\\s+<none>");
        assertThat(cli.run("describe", "pod", "ghost").err()).startsWith("Error from server (NotFound): ");
    }

    @Test
    void configViewRedactsTheTokenAndUseContextChecksTheName() {
        CliHarness.Result view = cli.run("config", "view");
        CliHarness.Result current = cli.run("config", "current-context");
        CliHarness.Result wrong = cli.run("config", "use-context", "nope");

        assertThat(view.out()).contains("token: REDACTED").doesNotContain("test-token");
        assertThat(current.out()).isEqualTo("wharf\n");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).contains("no context exists with the name \"nope\"");
    }

    @Test
    void logsStreamTheContainerOutput() {
        server.expect().get().withPath("/api/v1/namespaces/default/pods/web-2/log?tailLines=2&sinceSeconds=330")
                .andReturn(200, "second to last\nlast\n").once();

        CliHarness.Result result = cli.run("logs", "pod/web-2", "--tail", "2", "--since", "5m30s");

        assertThat(result.err()).isEmpty();
        assertThat(result.out()).isEqualTo("second to last\nlast\n");
        assertThat(cli.run("logs", "web-2", "--since", "5 minutes").err()).contains("--since wants a duration");
    }
}
