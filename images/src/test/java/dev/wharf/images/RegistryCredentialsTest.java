package dev.wharf.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.spi.image.RegistryCredentials;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryCredentialsTest {
    @Test
    void readsDockerConfigJsonWithAuthOrUsernamePassword() {
        String json = """
                {"auths": {"127.0.0.1:5000": {"auth": "YWRtaW46czNjcjN0"},
                           "https://index.docker.io/v1/": {"username": "bob", "password": "pw"}}}""";
        List<RegistryCredentials> creds = RegistryCredentials.fromDockerConfig(json.getBytes(StandardCharsets.UTF_8));
        assertThat(creds).containsExactly(new RegistryCredentials("127.0.0.1:5000", "admin", "s3cr3t"),
                new RegistryCredentials("https://index.docker.io/v1/", "bob", "pw"));
        assertThat(RegistryCredentials.forRegistry(creds, "docker.io")).map(RegistryCredentials::username).hasValue("bob");
        assertThat(RegistryCredentials.forRegistry(creds, "127.0.0.1:5000")).map(RegistryCredentials::password).hasValue("s3cr3t");
        assertThat(RegistryCredentials.forRegistry(creds, "ghcr.io")).isEmpty();
        assertThat(creds.get(0).toString()).doesNotContain("s3cr3t");
    }

    @Test
    void readsLegacyDockercfgAndRejectsGarbage() {
        assertThat(RegistryCredentials.fromDockerConfig("{\"r.io\": {\"auth\": \"dTpw\"}}".getBytes(StandardCharsets.UTF_8)))
                .containsExactly(new RegistryCredentials("r.io", "u", "p"));
        assertThatThrownBy(() -> RegistryCredentials.fromDockerConfig("{\"auths\": {\"r\": {\"auth\": \"!!\"}}}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("auths.r.auth is not base64");
        assertThatThrownBy(() -> RegistryCredentials.fromDockerConfig("nope".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("invalid docker config JSON");
    }
}
