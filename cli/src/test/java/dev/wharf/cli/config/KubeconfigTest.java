package dev.wharf.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.cli.CliEnvironment;
import dev.wharf.common.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {
    static final String CONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: wharf
              cluster:
                server: https://127.0.0.1:6443
                certificate-authority-data: LS0tLS1CRUdJTg==
            users:
            - name: admin
              user:
                token: s3cr3t-token
            contexts:
            - name: wharf
              context: {cluster: wharf, user: admin}
            - name: other
              context: {cluster: wharf, user: admin, namespace: team-a}
            current-context: wharf
            """;

    @TempDir
    Path home;

    private CliEnvironment environment(Map<String, String> env) {
        return new CliEnvironment(env, home, new ByteArrayInputStream(new byte[0]), new ManualClock());
    }

    @Test
    void looksAtKubeconfigVariableThenWharfThenKube() throws IOException {
        Path kube = home.resolve(".kube/config");
        Files.createDirectories(kube.getParent());
        Files.writeString(kube, CONFIG);
        KubeconfigLocator locator = new KubeconfigLocator(environment(Map.of()));
        assertThat(locator.locate(null)).isEqualTo(kube);

        Path wharf = home.resolve(".wharf/kubeconfig");
        Files.createDirectories(wharf.getParent());
        Files.writeString(wharf, CONFIG);
        assertThat(locator.locate(null)).isEqualTo(wharf);

        Path fromVariable = home.resolve("custom");
        Files.writeString(fromVariable, CONFIG);
        KubeconfigLocator withVariable = new KubeconfigLocator(environment(Map.of("KUBECONFIG", "/nowhere:" + fromVariable)));
        assertThat(withVariable.locate(null)).isEqualTo(fromVariable);
        assertThat(withVariable.locate(kube.toString())).isEqualTo(kube);
    }

    @Test
    void noKubeconfigAnywhereSaysHowToGetOne() {
        assertThatThrownBy(() -> new KubeconfigLocator(environment(Map.of())).locate(null))
                .hasMessageContaining("no kubeconfig found").hasMessageContaining("wharf dev");
        assertThatThrownBy(() -> new KubeconfigLocator(environment(Map.of())).locate(home.resolve("x").toString()))
                .hasMessageContaining("given with --kubeconfig does not exist");
    }

    @Test
    void viewRedactsTokensAndCertificateDataUnlessRaw() throws IOException {
        Path file = home.resolve("config");
        Files.writeString(file, CONFIG);
        Kubeconfig config = Kubeconfig.read(file);

        assertThat(config.toYaml(false)).contains("token: REDACTED").contains("certificate-authority-data: DATA+OMITTED")
                .doesNotContain("s3cr3t-token");
        assertThat(config.toYaml(true)).contains("s3cr3t-token");
    }

    @Test
    void useContextRewritesTheCurrentContextAndRefusesUnknownNames() throws IOException {
        Path file = home.resolve("config");
        Files.writeString(file, CONFIG);

        Kubeconfig.read(file).useContext("other");

        Kubeconfig reread = Kubeconfig.read(file);
        assertThat(reread.currentContext()).isEqualTo("other");
        assertThat(reread.namespaceOf(null)).isEqualTo("team-a");
        assertThatThrownBy(() -> reread.useContext("missing"))
                .hasMessageContaining("no context exists with the name \"missing\"").hasMessageContaining("wharf, other");
    }
}
