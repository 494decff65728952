package dev.wharf.apiserver;

import dev.wharf.apiserver.KubectlTarget.Result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.common.Json;
import dev.wharf.spi.store.MemoryStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl (the dispatcher at /usr/bin/kubectl) against the API server over HTTPS with a bearer token. */
class KubectlIT {
    private static final Path KUBECTL = Path.of("/usr/bin/kubectl");
    @TempDir
    static Path dir;
    static MemoryStore store;
    static ApiServer server;
    static Path kubeconfig;
    static KubectlTarget target;

    @BeforeAll
    static void start() throws Exception {
        target = KubectlTarget.start(dir, KUBECTL, "it-token", 7);
        store = target.store;
        server = target.server;
        kubeconfig = target.kubeconfig;
    }

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
        }
    }

    static Result kubectl(String... args) throws Exception {
        return kubectlWithInput(null, args);
    }

    static Result kubectlWithInput(String stdin, String... args) throws Exception {
        return target.run(kubeconfig, stdin, args);
    }

    static Result ok(String... args) throws Exception {
        Result r = kubectl(args);
        assertThat(r.rc()).as("kubectl %s: %s", String.join(" ", args), r.err()).isZero();
        return r;
    }

    private static final String MANIFEST = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, labels: {app: web}}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    image: IMAGE
                    env: [{name: A, value: "1"}]
                    ports: [{containerPort: 80}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web}
              ports: [{port: 80, targetPort: 80}]
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: web-config}
            data: {greeting: hello}
            """;

    @Test
    void versionReportsMinor32() throws Exception {
        JsonNode v = Json.parse(ok("version", "-o", "json").out());
        assertThat(v.at("/serverVersion/minor").asText()).isEqualTo("32");
    }

    @Test
    void applyGetPatchScaleDelete() throws Exception {
        assertThat(kubectlWithInput(MANIFEST.replace("IMAGE", "nginx:1.25"), "apply", "-f", "-").out())
                .contains("deployment.apps/web created", "service/web created", "configmap/web-config created");
        Result again = kubectlWithInput(MANIFEST.replace("IMAGE", "nginx:1.26"), "apply", "-f", "-");
        assertThat(again.rc()).as(again.err()).isZero();
        assertThat(again.out()).contains("deployment.apps/web configured", "service/web unchanged");
        JsonNode deploy = Json.parse(ok("get", "deploy", "web", "-o", "json").out());
        assertThat(deploy.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.26");
        assertThat(deploy.at("/metadata/generation").asInt()).isEqualTo(2);
        assertThat(ok("get", "svc").out()).contains("CLUSTER-IP", "100.64.");
        assertThat(ok("get", "all").rc()).isZero();

        ok("patch", "deploy", "web", "--type", "merge", "-p", "{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}");
        ok("patch", "deploy", "web", "--type", "json", "-p", "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":1}]");
        ok("set", "image", "deploy/web", "web=nginx:1.27");
        assertThat(ok("scale", "deploy", "web", "--replicas=3").out()).contains("deployment.apps/web scaled");
        deploy = Json.parse(ok("get", "deploy", "web", "-o", "json").out());
        assertThat(deploy.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(deploy.at("/metadata/labels/tier").asText()).isEqualTo("front");
        assertThat(deploy.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.27");
        assertThat(ok("get", "deploy", "-l", "tier=front", "-o", "name").out().trim()).isEqualTo("deployment.apps/web");

        assertThat(ok("delete", "deploy", "web").out()).contains("deployment.apps \"web\" deleted");
        assertThat(kubectl("get", "deploy", "web").err()).contains("NotFound");
    }

    @Test
    void serverSideApplyAndProtobufCreates() throws Exception {
        String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa}\ndata: {a: \"1\"}\n";
        assertThat(kubectlWithInput(cm, "apply", "--server-side", "-f", "-").out()).contains("configmap/ssa serverside-applied");
        assertThat(kubectlWithInput(cm.replace("\"1\"", "\"2\""), "apply", "--server-side", "-f", "-").out())
                .contains("configmap/ssa serverside-applied");
        assertThat(ok("create", "namespace", "demo").out()).contains("namespace/demo created");
        assertThat(ok("create", "configmap", "lit", "--from-literal=a=b").out()).contains("configmap/lit created");
        assertThat(Json.parse(ok("get", "cm", "lit", "-o", "json").out()).at("/data/a").asText()).isEqualTo("b");
        assertThat(kubectl("create", "namespace", "demo").err()).contains("AlreadyExists");
    }

    @Test
    void invalidManifestNamesTheFieldAndStoresNothing() throws Exception {
        String bad = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: bad}\nspec:\n  replicas: -1\n"
                + "  selector: {matchLabels: {app: bad}}\n  template:\n    metadata: {labels: {app: bad}}\n"
                + "    spec: {containers: [{name: c, image: nginx}]}\n";
        Result r = kubectlWithInput(bad, "apply", "-f", "-");
        assertThat(r.rc()).isNotZero();
        assertThat(r.err()).contains("spec.replicas");
        assertThat(kubectl("get", "deploy", "bad").rc()).isNotZero();
        Result unknown = kubectlWithInput("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: u}\ndatta: {}\n", "apply", "-f", "-");
        assertThat(unknown.rc()).isNotZero();
        assertThat(unknown.err()).contains("unknown field \"datta\"");
    }

    @Test
    void getWatchSeesChanges() throws Exception {
        List<String> cmd = List.of(KUBECTL.toString(), "--kubeconfig", kubeconfig.toString(), "--cache-dir",
                dir.resolve("cache-w").toString(), "get", "configmaps", "-w", "--namespace", "default");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(1500);
                    kubectlWithInput("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: watched}\n", "apply", "-f", "-");
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            String line;
            boolean seen = false;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("watched")) {
                    seen = true;
                    break;
                }
            }
            assertThat(seen).isTrue();
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void explainUsesTheOpenApiDocuments() throws Exception {
        assertThat(ok("explain", "deployment.spec.replicas").out()).contains("replicas");
    }

    @Test
    void everydayViews() throws Exception {
        ok("create", "namespace", "views");
        for (int i = 0; i < 3; i++) {
            ok("create", "configmap", "v" + i, "--from-literal=k=" + i, "-n", "views");
        }
        assertThat(ok("get", "cm", "-n", "views", "--chunk-size=1", "-o", "name").out().lines().toList())
                .containsExactly("configmap/v0", "configmap/v1", "configmap/v2");
        assertThat(ok("get", "ns").out()).contains("views", "Active");
        assertThat(ok("get", "cm", "-A", "--show-labels").out()).contains("views");
        kubectlWithInput(MANIFEST.replace("IMAGE", "nginx:1").replace("name: web", "name: described"), "apply", "-n", "views", "-f", "-");
        assertThat(ok("describe", "deploy", "described", "-n", "views").out()).contains("Replicas:");
        assertThat(ok("get", "deploy", "-n", "views", "-o", "wide").out()).contains("described", "nginx:1");
        assertThat(ok("delete", "cm", "--all", "-n", "views").out()).contains("configmap \"v0\" deleted");
        assertThat(ok("get", "cm", "-n", "views", "-o", "name").out()).doesNotContain("configmap/v");
    }
}
