package dev.wharf.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.spi.image.ImageRef;
import dev.wharf.spi.image.PullPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageRefTest {
    private static final String D = "sha256:abababababababababababababababababababababababababababababababab";

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "busybox,                        docker.io, library/busybox, latest, -",
        "busybox:latest,                 docker.io, library/busybox, latest, -",
        "library/busybox:1.36,           docker.io, library/busybox, 1.36, -",
        "docker.io/busybox,              docker.io, library/busybox, latest, -",
        "index.docker.io/team/app:v2,    docker.io, team/app, v2, -",
        "wharf/jre:21,                   docker.io, wharf/jre, 21, -",
        "127.0.0.1:5000/team/app:1,      127.0.0.1:5000, team/app, 1, -",
        "localhost/app,                  localhost, app, latest, -",
        "localhost:5000/a/b/c:x_y.z-1,   localhost:5000, a/b/c, x_y.z-1, -",
        "ghcr.io/org/img,                ghcr.io, org/img, latest, -",
        "busybox@" + D + ",              docker.io, library/busybox, -, " + D,
        "127.0.0.1:5000/x:1@" + D + ",   127.0.0.1:5000, x, 1, " + D,
        "my-registry.local:443/a__b/c.d, my-registry.local:443, a__b/c.d, latest, -",
    })
    void parses(String text, String registry, String repository, String tag, String digest) {
        ImageRef r = ImageRef.parse(text);
        assertThat(r.registry()).isEqualTo(registry);
        assertThat(r.repository()).isEqualTo(repository);
        assertThat(r.tag()).isEqualTo(tag);
        assertThat(r.digest()).isEqualTo(digest);
        assertThat(ImageRef.parse(r.toString())).isEqualTo(r);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Busybox", "busybox:", "busybox@sha256:123", "a//b", "-x", "busybox:bad tag",
        "host:5000/", "busybox@md5:abc"})
    void rejects(String text) {
        assertThatThrownBy(() -> ImageRef.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid image reference");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {"busybox, -, ALWAYS", "busybox:1, -, IF_NOT_PRESENT", "busybox:1, Always, ALWAYS",
        "busybox:latest, Never, NEVER", "busybox@" + D + ", -, IF_NOT_PRESENT"})
    void defaultPullPolicy(String ref, String policy, PullPolicy expected) {
        assertThat(PullPolicy.of(policy, ImageRef.parse(ref))).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void canonicalForms() {
        assertThat(ImageRef.parse("busybox").toString()).isEqualTo("docker.io/library/busybox:latest");
        assertThat(ImageRef.parse("busybox").withDigest(D).toString()).isEqualTo("docker.io/library/busybox@" + D);
        assertThat(ImageRef.parse("busybox@" + D).reference()).isEqualTo(D);
    }
}
