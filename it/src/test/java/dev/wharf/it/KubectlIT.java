package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.common.Json;
import dev.wharf.it.support.Kubectl;
import dev.wharf.it.support.WharfProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl (the installed dispatcher, which runs kubectl 1.32 for Wharf) drives a real Wharf server. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlIT {
    @TempDir
    static Path tmp;
    static WharfProcess wharf;
    static Kubectl kubectl;
    static Path manifests;

    @BeforeAll
    static void start() throws Exception {
        wharf = WharfProcess.start(tmp.resolve("data"));
        kubectl = Kubectl.dispatcher(wharf);
        manifests = Path.of(KubectlIT.class.getResource("/manifests/app-v1.yaml").toURI()).getParent();
    }

    @AfterAll
    static void stop() throws Exception {
        if (wharf != null) {
            wharf.close();
        }
    }

    static String m(String name) {
        return manifests.resolve(name).toString();
    }

    @Test
    @Order(1)
    void versionAndDefaultNamespaces() {
        assertThat(kubectl.ok("version", "-o", "json")).contains("\"minor\": \"32\"");
        String ns = kubectl.ok("get", "ns");
        assertThat(ns).contains("NAME", "STATUS", "default", "kube-system", "kube-public", "Active");
    }

    @Test
    @Order(2)
    void clientSideApplyCreatesThenPatches() {
        String out = kubectl.ok("apply", "-f", m("app-v1.yaml"));
        assertThat(out).contains("configmap/web-config created", "deployment.apps/web created", "service/web created");
        assertThat(kubectl.ok("get", "deploy", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}")).isEqualTo("busybox:1.36");

        String again = kubectl.ok("apply", "-f", m("app-v2.yaml"));
        assertThat(again).contains("configmap/web-config unchanged", "deployment.apps/web configured", "service/web unchanged");
        JsonNode d = Json.parse(kubectl.ok("get", "deploy", "web", "-o", "json"));
        JsonNode c = d.at("/spec/template/spec/containers/0");
        assertThat(c.at("/image").asText()).isEqualTo("busybox:1.37");
        assertThat(c.at("/env/0/value").asText()).isEqualTo("2");
        assertThat(c.at("/env/1/valueFrom/configMapKeyRef/key").asText()).isEqualTo("greeting");
        assertThat(d.at("/metadata/generation").asInt()).isEqualTo(2);
        // defaulting as Kubernetes does it
        assertThat(d.at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
        assertThat(d.at("/spec/revisionHistoryLimit").asInt()).isEqualTo(10);
        assertThat(c.at("/terminationMessagePath").asText()).isEqualTo("/dev/termination-log");
        assertThat(c.at("/imagePullPolicy").asText()).isEqualTo("IfNotPresent");
    }

    @Test
    @Order(3)
    void serverSideApply() {
        String out = kubectl.ok("apply", "--server-side", "--force-conflicts", "-f", m("app-v1.yaml"));
        assertThat(out).contains("deployment.apps/web serverside-applied");
        assertThat(kubectl.ok("get", "deploy", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}")).isEqualTo("busybox:1.36");
        String managers = kubectl.ok("get", "deploy", "web", "--show-managed-fields", "-o", "jsonpath={.metadata.managedFields[*].manager}");
        assertThat(managers).contains("kubectl");
    }

    @Test
    @Order(4)
    void serverSideApplyConflictIs409WithoutForce() {
        kubectl.ok("scale", "deploy", "web", "--replicas=4");
        Kubectl.Result r = kubectl.run("apply", "--server-side", "--field-manager=other", "-f", m("app-v1.yaml"));
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("conflict").contains(".spec.replicas");
    }

    @Test
    @Order(5)
    void tablesAndSelectors() {
        String table = kubectl.ok("get", "deploy");
        assertThat(table.lines().findFirst().orElse("")).contains("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE");
        assertThat(kubectl.ok("get", "deploy", "-o", "wide").lines().findFirst().orElse("")).contains("CONTAINERS", "IMAGES", "SELECTOR");
        assertThat(kubectl.ok("get", "svc", "web")).contains("TYPE", "CLUSTER-IP", "PORT(S)", "ClusterIP", "80/TCP");
        assertThat(kubectl.ok("get", "deploy", "-l", "tier=front", "-o", "name")).isEqualTo("deployment.apps/web\n");
        assertThat(kubectl.run("get", "deploy", "-l", "tier=back", "-o", "name").stdout()).isEmpty();
        assertThat(kubectl.ok("get", "cm", "--field-selector", "metadata.name=web-config", "-o", "name")).isEqualTo("configmap/web-config\n");
        assertThat(kubectl.ok("get", "all")).contains("deployment.apps/web", "service/web");
        assertThat(kubectl.ok("get", "cm", "-A")).contains("NAMESPACE", "default", "web-config");
    }

    @Test
    @Order(6)
    void patchesOfEveryType() {
        kubectl.ok("patch", "deploy", "web", "--type", "merge", "-p", "{\"metadata\":{\"labels\":{\"patched\":\"yes\"}}}");
        kubectl.ok("patch", "cm", "web-config", "--type", "json", "-p", "[{\"op\":\"replace\",\"path\":\"/data/greeting\",\"value\":\"hi\"}]");
        kubectl.ok("patch", "deploy", "web", "--type", "strategic", "-p",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"env\":[{\"name\":\"B\",\"value\":\"3\"}]}]}}}}");
        JsonNode d = Json.parse(kubectl.ok("get", "deploy", "web", "-o", "json"));
        assertThat(d.at("/metadata/labels/patched").asText()).isEqualTo("yes");
        assertThat(d.at("/spec/template/spec/containers/0/env").size()).as("strategic merge keeps env by name").isEqualTo(3);
        assertThat(kubectl.ok("get", "cm", "web-config", "-o", "jsonpath={.data.greeting}")).isEqualTo("hi");
        Kubectl.Result failedTest = kubectl.run("patch", "cm", "web-config", "--type", "json", "-p",
                "[{\"op\":\"test\",\"path\":\"/data/greeting\",\"value\":\"nope\"}]");
        assertThat(failedTest.exitCode()).isNotZero();
    }

    @Test
    @Order(7)
    void scaleThroughTheScaleSubresource() {
        kubectl.ok("scale", "deploy", "web", "--replicas=3");
        assertThat(kubectl.ok("get", "deploy", "web", "-o", "jsonpath={.spec.replicas}")).isEqualTo("3");
        kubectl.ok("scale", "deploy", "web", "--current-replicas=3", "--replicas=1");
        assertThat(kubectl.ok("get", "deploy", "web", "-o", "jsonpath={.spec.replicas}")).isEqualTo("1");
        Kubectl.Result stale = kubectl.run("scale", "deploy", "web", "--current-replicas=5", "--replicas=2");
        assertThat(stale.exitCode()).isNotZero();
    }

    @Test
    @Order(8)
    void explainReadsTheOpenApiSchema() {
        assertThat(kubectl.ok("explain", "deployment.spec.replicas")).containsIgnoringCase("integer").contains("replicas");
        assertThat(kubectl.ok("explain", "deployment.spec")).contains("template", "strategy");
    }

    @Test
    @Order(9)
    void protobufBodiesFromCreateGenerators() {
        kubectl.ok("create", "namespace", "team-a");
        kubectl.ok("-n", "team-a", "create", "configmap", "x", "--from-literal=a=b", "--from-literal=c=d");
        assertThat(kubectl.ok("-n", "team-a", "get", "cm", "x", "-o", "jsonpath={.data.a}{.data.c}")).isEqualTo("bd");
        kubectl.ok("-n", "team-a", "create", "secret", "generic", "s", "--from-literal=password=hunter2");
        assertThat(kubectl.ok("-n", "team-a", "get", "secret", "s", "-o", "jsonpath={.data.password}")).isEqualTo("aHVudGVyMg==");
        kubectl.ok("-n", "team-a", "create", "deployment", "d", "--image=busybox:latest", "--replicas=2", "--port=8080");
        assertThat(kubectl.ok("-n", "team-a", "get", "deploy", "d", "-o", "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].ports[0].containerPort}"))
                .isEqualTo("2 8080");
        Kubectl.Result dup = kubectl.run("create", "namespace", "team-a");
        assertThat(dup.exitCode()).isNotZero();
        assertThat(dup.stderr()).contains("AlreadyExists");
    }

    @Test
    @Order(10)
    void invalidManifestNamesTheFieldsAndStoresNothing() {
        Kubectl.Result r = kubectl.run("apply", "-f", m("bad.yaml"));
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("metadata.name").contains("spec.replicas").contains("image");
        assertThat(kubectl.run("get", "deploy", "Bad_Name").exitCode()).isNotZero();
        Kubectl.Result strict = kubectl.runWithInput("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: strict}\ndatta: {a: b}\n", "apply", "-f", "-");
        assertThat(strict.exitCode()).isNotZero();
        assertThat(strict.stderr()).contains("datta");
        Kubectl.Result malformed = kubectl.runWithInput("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [\n", "create", "-f", "-");
        assertThat(malformed.exitCode()).isNotZero();
    }

    @Test
    @Order(11)
    void conflictingUpdateIs409() throws Exception {
        String cm = kubectl.ok("get", "cm", "web-config", "-o", "json");
        Path stale = tmp.resolve("stale.json");
        Files.writeString(stale, cm.replace("\"hi\"", "\"first\""));
        kubectl.ok("replace", "-f", stale.toString());
        Files.writeString(stale, cm.replace("\"hi\"", "\"second\""));
        Kubectl.Result r = kubectl.run("replace", "-f", stale.toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("Conflict").contains("the object has been modified");
    }

    @Test
    @Order(12)
    void watchSeesAddedModifiedDeleted() throws Exception {
        Path out = tmp.resolve("watch.out");
        Process watch = kubectl.start(out, "get", "cm", "-w", "--output-watch-events");
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> Files.readString(out).contains("web-config"));
            kubectl.ok("create", "configmap", "watched", "--from-literal=v=1");
            kubectl.ok("patch", "cm", "watched", "--type", "merge", "-p", "{\"data\":{\"w\":\"2\"}}");
            kubectl.ok("delete", "cm", "watched");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(Files.readString(out))
                    .containsPattern("ADDED\\s+watched\\s+1")
                    .containsPattern("MODIFIED\\s+watched\\s+2")
                    .containsPattern("DELETED\\s+watched"));
            assertThat(Files.readString(out).lines().findFirst().orElse("")).contains("EVENT", "NAME", "DATA", "AGE");
        } finally {
            watch.destroyForcibly();
        }
    }

    @Test
    @Order(13)
    void deleteCascadesToOwnedObjects() {
        // the deployment controller made a ReplicaSet owned by the deployment
        await().atMost(Duration.ofSeconds(20)).until(() -> !kubectl.ok("get", "rs", "-l", "app=web", "-o", "name").isBlank());
        assertThat(kubectl.ok("rollout", "history", "deploy/web")).contains("REVISION");
        kubectl.ok("delete", "deploy", "web");
        await().atMost(Duration.ofSeconds(20)).until(() -> kubectl.ok("get", "rs", "-l", "app=web", "-o", "name").isBlank());
        await().atMost(Duration.ofSeconds(20)).until(() -> kubectl.ok("get", "pods", "-l", "app=web", "-o", "name").isBlank());
        // orphan keeps the dependents
        kubectl.ok("-n", "team-a", "delete", "deploy", "d", "--cascade=orphan");
        await().atMost(Duration.ofSeconds(10)).until(() -> kubectl.run("-n", "team-a", "get", "deploy", "d").exitCode() != 0);
        assertThat(kubectl.ok("-n", "team-a", "get", "rs", "-o", "name")).contains("replicaset.apps/d-");
    }

    @Test
    @Order(14)
    void namespaceDeletionRemovesItsContents() {
        kubectl.ok("delete", "namespace", "team-a", "--timeout=30s");
        assertThat(kubectl.run("get", "namespace", "team-a").exitCode()).isNotZero();
        kubectl.ok("create", "namespace", "team-a");
        assertThat(kubectl.run("-n", "team-a", "get", "cm", "x").exitCode()).as("contents are gone").isNotZero();
    }

    @Test
    @Order(15)
    void restartKeepsEverything() throws Exception {
        String before = kubectl.ok("get", "cm", "web-config", "-o", "jsonpath={.metadata.uid} {.data.greeting}");
        assertThat(wharf.stop()).as("SIGTERM shuts down cleanly").isIn(0, 143);
        wharf = WharfProcess.start(wharf.dataDir(), wharf.apiPort());
        assertThat(kubectl.ok("get", "cm", "web-config", "-o", "jsonpath={.metadata.uid} {.data.greeting}")).isEqualTo(before);
    }
}
