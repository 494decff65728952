package dev.wharf.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.Json;
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

/** {@code wharf get} against fabric8's mock server, which serves no Tables, and expectations that do. */
@EnableKubernetesMockClient(crud = true)
class GetCommandTest {
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
    void withoutServerTablesItPrintsNameAndAgeAndHonoursSelectors() {
        configMap("get-a", "alpha", "web");
        configMap("get-a", "beta-longer-name", "db");

        CliHarness.Result all = cli.run("get", "configmaps", "-n", "get-a");
        CliHarness.Result selected = cli.run("get", "cm", "-n", "get-a", "-l", "app=web");

        assertThat(all.code()).isZero();
        assertThat(all.out().lines().toList()).hasSize(3).first().asString().matches("NAME\\s{3,}AGE");
        assertThat(all.out()).contains("alpha").contains("beta-longer-name");
        assertThat(selected.out().lines().toList()).hasSize(2).last().asString().startsWith("alpha   ");
    }

    @Test
    void emptyListsSayNoResourcesFoundInTheNamespace() {
        CliHarness.Result result = cli.run("get", "pods", "-n", "empty-ns");

        assertThat(result.code()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("No resources found in empty-ns namespace.\n");
    }

    @Test
    void yamlJsonAndNameOutputs() {
        configMap("get-b", "one", "x");
        configMap("get-b", "two", "x");

        CliHarness.Result yaml = cli.run("get", "configmap", "one", "-n", "get-b", "-o", "yaml");
        CliHarness.Result list = cli.run("get", "cm", "-n", "get-b", "-o", "json");
        CliHarness.Result names = cli.run("get", "cm", "-n", "get-b", "-o", "name");

        assertThat(yaml.out()).startsWith("apiVersion: v1\n").contains("kind: ConfigMap").contains("name: one");
        assertThat(Json.parse(list.out()).path("kind").asText()).isEqualTo("List");
        assertThat(Json.parse(list.out()).path("items")).hasSize(2);
        assertThat(Json.parse(list.out()).path("items").get(0).path("kind").asText()).isEqualTo("ConfigMap");
        assertThat(names.out()).isEqualTo("configmap/one\nconfigmap/two\n");
    }

    @Test
    void allNamespacesAddsTheNamespaceColumn() {
        configMap("get-c", "c1", "x");
        configMap("get-d", "d1", "x");

        CliHarness.Result result = cli.run("get", "cm", "-A");

        assertThat(result.out().lines().findFirst()).hasValueSatisfying(h -> assertThat(h).matches("NAMESPACE\\s+NAME\\s+AGE"));
        assertThat(result.out()).containsPattern("get-c\\s+c1").containsPattern("get-d\\s+d1");
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("get-e").endMetadata().build()).create();
        assertThat(cli.run("get", "namespaces", "-A").out()).startsWith("NAME ");
    }

    @Test
    void missingObjectsAndUnknownKindsAreServerStyleErrors() {
        CliHarness.Result missing = cli.run("get", "deploy", "nope");
        CliHarness.Result unknown = cli.run("get", "widgets");

        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).startsWith("Error from server (NotFound): ");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("error: the server doesn't have a resource type \"widgets\"\n");
    }

    @Test
    void serverTablesPrintTheirColumnsThenWatchPrintsARowPerEvent() {
        server.expect().get().withPath("/api/v1/namespaces/watched/pods?limit=500").andReturn(200, """
                {"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"41"},
                 "columnDefinitions":[{"name":"Name","priority":0},{"name":"Ready","priority":0},{"name":"Status","priority":0},
                   {"name":"IP","priority":1}],
                 "rows":[{"cells":["web-1","0/1","Pending","<none>"],"object":{"metadata":{"name":"web-1","namespace":"watched"}}}]}
                """).once();
        server.expect().get().withPath("/api/v1/namespaces/watched/pods?watch=true&resourceVersion=41").andReturn(200, """
                {"type":"MODIFIED","object":{"kind":"Table","apiVersion":"meta.k8s.io/v1","columnDefinitions":[],"rows":[{"cells":["web-1","1/1","Running","100.96.0.4"]}]}}
                {"type":"DELETED","object":{"kind":"Table","apiVersion":"meta.k8s.io/v1","columnDefinitions":[],"rows":[{"cells":["web-1","0/1","Terminating","100.96.0.4"]}]}}
                """).once();

        CliHarness.Result result = cli.run("get", "pods", "-n", "watched", "-w");

        assertThat(result.err()).isEmpty();
        assertThat(result.out().lines().toList()).containsExactly(
                "NAME    READY   STATUS",
                "web-1   0/1     Pending",
                "web-1   1/1   Running",
                "web-1   0/1   Terminating");
    }

    @Test
    void getAllPrintsEveryKindOfTheCategoryWithQualifiedNames() {
        client.apps().deployments().inNamespace("cat").resource(new DeploymentBuilder().withNewMetadata().withName("api")
                .endMetadata().withNewSpec().withReplicas(1).endSpec().build()).create();

        CliHarness.Result result = cli.run("get", "all", "-n", "cat");

        assertThat(result.out()).containsPattern("deployment.apps/api\\s+");
        assertThat(result.out()).doesNotContain("pod/");
    }

    @Test
    void listsFollowContinueTokensPageByPage() {
        server.expect().get().withPath("/api/v1/namespaces/paged/configmaps?limit=500").andReturn(200,
                "{\"kind\":\"ConfigMapList\",\"apiVersion\":\"v1\",\"metadata\":{\"continue\":\"tok1\"},\"items\":[{\"metadata\":{\"name\":\"p1\"}}]}")
                .once();
        server.expect().get().withPath("/api/v1/namespaces/paged/configmaps?limit=500&continue=tok1").andReturn(200,
                "{\"kind\":\"ConfigMapList\",\"apiVersion\":\"v1\",\"metadata\":{},\"items\":[{\"metadata\":{\"name\":\"p2\"}}]}")
                .once();

        CliHarness.Result result = cli.run("get", "cm", "-n", "paged", "-o", "name");

        assertThat(result.out()).isEqualTo("configmap/p1\nconfigmap/p2\n");
    }

}
