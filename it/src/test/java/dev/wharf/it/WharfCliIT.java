package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.it.support.Kubectl;
import dev.wharf.it.support.WharfCommand;
import dev.wharf.it.support.WharfProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wharf's own CLI against a real Wharf server: apply, get (server-side tables), describe, scale, delete. */
class WharfCliIT {
    @TempDir
    static Path tmp;
    static WharfProcess wharf;
    static WharfCommand cli;
    static Path manifests;

    @BeforeAll
    static void start() throws Exception {
        wharf = WharfProcess.start(tmp.resolve("data"));
        cli = new WharfCommand(wharf.kubeconfig());
        manifests = Path.of(WharfCliIT.class.getResource("/manifests/app-v1.yaml").toURI()).getParent();
    }

    @AfterAll
    static void stop() throws Exception {
        if (wharf != null) {
            wharf.close();
        }
    }

    @Test
    void applyGetDescribeScaleDelete() {
        String first = cli.ok("apply", "-f", manifests.resolve("app-v1.yaml").toString());
        assertThat(first).contains("configmap/web-config created", "deployment.apps/web created", "service/web created");
        String second = cli.ok("apply", "-f", manifests.resolve("app-v2.yaml").toString());
        assertThat(second).contains("configmap/web-config unchanged", "deployment.apps/web configured");
        assertThat(cli.ok("apply", "-f", manifests.resolve("app-v2.yaml").toString())).contains("deployment.apps/web unchanged");

        String table = cli.ok("get", "deployments");
        assertThat(table.lines().findFirst().orElse("")).contains("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE");
        assertThat(cli.ok("get", "deploy", "-o", "wide")).contains("IMAGES", "busybox:1.37");
        assertThat(cli.ok("get", "svc", "web")).contains("ClusterIP", "80/TCP");
        assertThat(cli.ok("get", "deploy", "-l", "tier=front", "-o", "name")).contains("deployment.apps/web");
        assertThat(cli.ok("get", "deploy", "web", "-o", "yaml")).contains("kind: Deployment", "image: busybox:1.37");
        assertThat(cli.ok("get", "ns")).contains("default", "kube-system");

        await().atMost(Duration.ofSeconds(20)).until(() -> cli.ok("get", "rs").contains("web-"));
        String described = cli.ok("describe", "deployment", "web");
        assertThat(described).contains("Name:", "web", "Replicas:", "Events:");

        cli.ok("scale", "deployment", "web", "--replicas", "4");
        assertThat(cli.ok("get", "deploy", "web", "-o", "json")).contains("\"replicas\" : 4");

        cli.ok("create", "namespace", "cli-ns");
        assertThat(cli.ok("get", "ns", "cli-ns")).contains("Active");

        assertThat(cli.ok("delete", "-f", manifests.resolve("app-v1.yaml").toString())).contains("deleted");
        await().atMost(Duration.ofSeconds(20)).until(() -> !cli.run("get", "rs").stdout().contains("web-"));
    }

    @Test
    void errorsReadLikeSentences() {
        Kubectl.Result bad = cli.run("apply", "-f", manifests.resolve("bad.yaml").toString());
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.stderr()).contains("bad.yaml").contains("metadata.name").contains("spec.replicas");
        Kubectl.Result missing = cli.run("apply", "-f", tmp.resolve("nope.yaml").toString());
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("nope.yaml");
        Kubectl.Result unknownKind = cli.run("get", "flurbs");
        assertThat(unknownKind.exitCode()).isNotZero();
        assertThat(unknownKind.stderr()).contains("flurbs");
    }
}
