package dev.wharf.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import dev.wharf.api.ApiException;
import dev.wharf.common.Json;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class ApplyCommandTest {
    static final String APP = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - {name: web, image: "nginx:1.25"}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            data: {color: blue}
            """;

    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    Path home;

    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(server, client, home);
    }

    @Test
    void appliesEveryDocumentAndSaysCreated() {
        Path app = cli.file("app.yaml", APP);

        CliHarness.Result first = cli.run("apply", "-f", app.toString());

        assertThat(first.err()).isEmpty();
        assertThat(first.code()).isZero();
        assertThat(first.out()).isEqualTo("deployment.apps/web created\nconfigmap/settings created\n");
        Deployment stored = client.apps().deployments().inNamespace("default").withName("web").get();
        assertThat(stored.getSpec().getReplicas()).isEqualTo(2);
        ConfigMap settings = client.configMaps().inNamespace("default").withName("settings").get();
        assertThat(settings.getData()).containsEntry("color", "blue");
    }

    @Test
    void theOutcomeComparesResourceVersions() {
        GenericKubernetesResource v1 = new GenericKubernetesResourceBuilder().withNewMetadata().withResourceVersion("1").endMetadata().build();
        GenericKubernetesResource v2 = new GenericKubernetesResourceBuilder().withNewMetadata().withResourceVersion("2").endMetadata().build();

        assertThat(ApplyCommand.outcome(null, v1)).isEqualTo("created");
        assertThat(ApplyCommand.outcome(v1, v1)).isEqualTo("unchanged");
        assertThat(ApplyCommand.outcome(v1, v2)).isEqualTo("configured");
    }

    @Test
    void readsStandardInputAndHonoursTheNamespaceFlag() {
        CliHarness.Result result = cli.runWithStdin("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"in\"}}",
                "apply", "-n", "team-a", "-f", "-");

        assertThat(result.out()).isEqualTo("configmap/in created\n");
        assertThat(client.configMaps().inNamespace("team-a").withName("in").get()).isNotNull();
    }

    @Test
    void aNamespaceMismatchIsRefusedWithTheDocument() {
        Path file = cli.file("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: one}\n");

        CliHarness.Result result = cli.run("apply", "-n", "two", "-f", file.toString());

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("error when applying \"" + file + "\" (document 1)")
                .contains("does not match the namespace given with -n");
    }

    @Test
    void anUnknownKindNamesTheDocumentAndCarriesOnWithTheOthers() {
        Path file = cli.file("mixed.yaml", """
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: fine}
                """);

        CliHarness.Result result = cli.run("apply", "-f", file.toString());

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out()).isEqualTo("configmap/fine created\n");
        assertThat(result.err()).contains("(document 1)").contains("no matches for kind \"Widget\" in version \"example.com/v1\"");
    }

    @Test
    void aMissingFileAndABrokenFileAreSentences() {
        assertThat(cli.run("apply", "-f", home.resolve("nope.yaml").toString()).err())
                .isEqualTo("error: the path \"" + home.resolve("nope.yaml") + "\" does not exist\n");

        Path broken = cli.file("broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [\n");
        CliHarness.Result result = cli.run("apply", "-f", broken.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).startsWith("error: cannot parse \"" + broken + "\" (document 1, line ");
    }

    @Test
    void aStoppedServerIsExplained() {
        cli.writeKubeconfig("http://127.0.0.1:1");

        CliHarness.Result result = cli.run("apply", "-f", cli.file("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n").toString());

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("cannot reach the Wharf API at http://127.0.0.1:1: is `wharf dev` running?");
    }

    @Test
    void anInvalidObjectGetsTheServersCausesWithItsDocument() {
        ApiException invalid = ApiException.invalid("Deployment", "apps", "Bad_Name", List.of(
                new StatusCauseBuilder().withField("metadata.name").withReason("FieldValueInvalid")
                        .withMessage("Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'").build()));
        server.expect().patch().withPath("/apis/apps/v1/namespaces/default/deployments/Bad_Name?fieldManager=wharf")
                .andReturn(422, Json.string(invalid.status())).once();
        Path file = cli.file("app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok-first}\n---\n"
                + APP.substring(0, APP.indexOf("---")).replace("name: web\n", "name: Bad_Name\n"));

        CliHarness.Result result = cli.run("apply", "-f", file.toString());

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out()).isEqualTo("configmap/ok-first created\n");
        assertThat(result.err()).isEqualTo("Error from server (Invalid): error when applying \"" + file + "\" (document 2): "
                + "Deployment.apps \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain"
                + " must consist of lower case alphanumeric characters, '-' or '.'\n");
    }
}
