package dev.wharf.apiserver;

import dev.wharf.apiserver.KubectlTarget.Result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wharf.spi.store.MemoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl 1.27, which reads {@code GET /openapi/v2} as gnostic protobuf before it applies anything, explains fields
 * from it ({@code --output=plaintext-openapiv2}) and computes strategic merge patches from the patch metadata.
 */
class KubectlOldReleaseIT {
    private static final Path KUBECTL = Path.of("/usr/lib/google-cloud-sdk/bin/kubectl.1.27");
    private static final String MANIFEST = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: old, labels: {app: old}}
            spec:
              replicas: 2
              selector: {matchLabels: {app: old}}
              template:
                metadata: {labels: {app: old}}
                spec:
                  containers:
                  - name: web
                    image: IMAGE
                    ports: [{containerPort: 80, name: http}]
                  - name: side
                    image: busybox:1.36
            """;
    @TempDir
    static Path dir;
    static MemoryStore store;
    static ApiServer server;
    static Path kubeconfig;
    static KubectlTarget target;
    static TestCerts certs;

    @BeforeAll
    static void start() throws Exception {
        target = KubectlTarget.start(dir, KUBECTL, "old-token", 11);
        store = target.store;
        server = target.server;
        kubeconfig = target.kubeconfig;
        certs = target.certs;
    }

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
        }
    }

    static Result kubectl(String stdin, String... args) throws Exception {
        return kubectlWith(kubeconfig, stdin, args);
    }

    static Result kubectlWith(Path config, String stdin, String... args) throws Exception {
        return target.run(config, stdin, args);
    }

    @Test
    void applyTwiceComputesAStrategicMergePatch() throws Exception {
        Result created = kubectl(MANIFEST.replace("IMAGE", "nginx:1.25"), "apply", "-f", "-", "-v=6");
        assertThat(created.rc()).as(created.err()).isZero();
        assertThat(created.out()).contains("deployment.apps/old created");
        assertThat(created.err()).contains("GET https://127.0.0.1:" + server.port() + "/openapi/v2?timeout=32s 200 OK");

        Result configured = kubectl(MANIFEST.replace("IMAGE", "nginx:1.26"), "apply", "-f", "-", "-v=8");
        assertThat(configured.rc()).as(configured.err()).isZero();
        assertThat(configured.out()).contains("deployment.apps/old configured");
        assertThat(configured.err()).contains("\"$setElementOrder/containers\":[{\"name\":\"web\"},{\"name\":\"side\"}]")
                .contains("\"containers\":[{\"image\":\"nginx:1.26\",\"name\":\"web\"}]");
        Result image = kubectl(null, "get", "deployment", "old", "-o", "jsonpath={.spec.template.spec.containers[*].image}");
        assertThat(image.out()).isEqualTo("nginx:1.26 busybox:1.36");
    }

    @Test
    void explainReadsTheV2Document() throws Exception {
        Result v2 = kubectl(null, "explain", "deployment.spec.replicas", "--output=plaintext-openapiv2");
        assertThat(v2.rc()).as(v2.err()).isZero();
        assertThat(v2.out()).contains("KIND:     Deployment", "VERSION:  apps/v1", "FIELD:    replicas <integer>",
                "Number of desired pods");
        Result containers = kubectl(null, "explain", "pods.spec.containers.ports", "--output=plaintext-openapiv2");
        assertThat(containers.out()).contains("RESOURCE: ports <[]Object>", "containerPort\t<integer> -required-");
        Result v3 = kubectl(null, "explain", "deployment.spec.replicas");
        assertThat(v3.out()).contains("FIELD: replicas <integer>");
    }

    @Test
    void unknownFieldIsRejectedNamingIt() throws Exception {
        String bad = MANIFEST.replace("IMAGE", "nginx").replace("name: old", "name: bad").replace("replicas: 2", "replicas: 2\n  foo: bar");
        Result r = kubectl(bad, "apply", "-f", "-");
        assertThat(r.rc()).isNotZero();
        assertThat(r.err()).contains("unknown field \"spec.foo\"");
        assertThat(kubectl(null, "get", "deployment", "bad").err()).contains("NotFound");
    }

    @Test
    void withoutServerSideValidationTheV2SchemaRejectsUnknownFieldsClientSide() throws Exception {
        try (OpenApiV2OnlyProxy proxy = new OpenApiV2OnlyProxy("https://127.0.0.1:" + server.port(), certs.clientContext(),
                "old-token")) {
            Path config = dir.resolve("kubeconfig-v2only");
            Files.writeString(config, """
                    apiVersion: v1
                    kind: Config
                    clusters: [{name: w, cluster: {server: "%s"}}]
                    users: [{name: a, user: {}}]
                    contexts: [{name: w, context: {cluster: w, user: a, namespace: default}}]
                    current-context: w
                    """.formatted(proxy.url()));
            String bad = MANIFEST.replace("IMAGE", "nginx").replace("name: old", "name: client").replace("replicas: 2", "replicas: 2\n  foo: bar");
            Result unknown = kubectlWith(config, bad, "apply", "-f", "-");
            assertThat(unknown.rc()).isNotZero();
            assertThat(unknown.err()).contains("error validating data: ValidationError(Deployment.spec): unknown field \"foo\" "
                    + "in io.k8s.api.apps.v1.DeploymentSpec");
            Result wrongType = kubectlWith(config, MANIFEST.replace("IMAGE", "nginx").replace("replicas: 2", "replicas: two"),
                    "apply", "-f", "-");
            assertThat(wrongType.err()).contains("ValidationError(Deployment.spec.replicas): invalid type for "
                    + "io.k8s.api.apps.v1.DeploymentSpec.replicas: got \"string\", expected \"integer\"");
            Result valid = kubectlWith(config, MANIFEST.replace("IMAGE", "nginx").replace("name: old", "name: client"),
                    "apply", "-f", "-", "-v=6");
            assertThat(valid.rc()).as(valid.err()).isZero();
            assertThat(valid.err()).contains("/openapi/v3?timeout=32s 404 Not Found")
                    .contains("POST " + proxy.url() + "/apis/apps/v1/namespaces/default/deployments?").contains("201 Created");
        }
    }
}
