package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.it.support.Kubectl;
import dev.wharf.it.support.WharfProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The core flows with the oldest and newest kubectl releases installed on these machines. */
class KubectlReleasesIT {
    @TempDir
    static Path tmp;
    static WharfProcess wharf;
    static Path manifests;

    @BeforeAll
    static void start() throws Exception {
        wharf = WharfProcess.start(tmp.resolve("data"));
        manifests = Path.of(KubectlReleasesIT.class.getResource("/manifests/app-v1.yaml").toURI()).getParent();
    }

    @AfterAll
    static void stop() throws Exception {
        if (wharf != null) {
            wharf.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.27", "1.33"})
    void coreFlows(String release) {
        Kubectl k = Kubectl.release(wharf, release);
        String ns = "k" + release.replace(".", "");
        k.ok("create", "namespace", ns);
        k.ok("-n", ns, "apply", "-f", manifests.resolve("app-v1.yaml").toString());
        assertThat(k.ok("-n", ns, "apply", "-f", manifests.resolve("app-v2.yaml").toString())).contains("deployment.apps/web configured");
        k.ok("-n", ns, "apply", "--server-side", "--force-conflicts", "-f", manifests.resolve("app-v1.yaml").toString());
        assertThat(k.ok("-n", ns, "get", "deploy")).contains("READY", "UP-TO-DATE", "web");
        k.ok("-n", ns, "scale", "deploy", "web", "--replicas=3");
        assertThat(k.ok("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.spec.replicas}")).isEqualTo("3");
        k.ok("-n", ns, "patch", "deploy", "web", "--type", "merge", "-p", "{\"metadata\":{\"labels\":{\"r\":\"" + ns + "\"}}}");
        assertThat(k.ok("-n", ns, "get", "deploy", "-l", "r=" + ns, "-o", "name")).contains("deployment.apps/web");
        assertThat(k.ok("explain", "deployment.spec.replicas")).containsIgnoringCase("integer");
        k.ok("-n", ns, "delete", "-f", manifests.resolve("app-v1.yaml").toString());
        assertThat(k.ok("-n", ns, "get", "deploy,svc,cm", "-o", "name")).doesNotContain("web");
    }
}
