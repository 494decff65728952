package dev.wharf.registry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RouteTest {
    @Test
    void namesWithSeveralComponentsAndEveryEndpoint() throws Exception {
        assertThat(Route.parse("/v2/")).isEqualTo(new Route(Route.Kind.BASE, null, null));
        assertThat(Route.parse("/v2/token").kind()).isEqualTo(Route.Kind.TOKEN);
        assertThat(Route.parse("/v2/_catalog").kind()).isEqualTo(Route.Kind.CATALOG);
        assertThat(Route.parse("/v2/org/team/app/manifests/v1.2")).isEqualTo(new Route(Route.Kind.MANIFEST, "org/team/app", "v1.2"));
        assertThat(Route.parse("/v2/team/app/blobs/sha256:ab")).isEqualTo(new Route(Route.Kind.BLOB, "team/app", "sha256:ab"));
        assertThat(Route.parse("/v2/team/app/blobs/uploads/")).isEqualTo(new Route(Route.Kind.UPLOADS, "team/app", null));
        assertThat(Route.parse("/v2/team/app/blobs/uploads")).isEqualTo(new Route(Route.Kind.UPLOADS, "team/app", null));
        assertThat(Route.parse("/v2/team/app/blobs/uploads/abc")).isEqualTo(new Route(Route.Kind.UPLOAD, "team/app", "abc"));
        assertThat(Route.parse("/v2/team/app/tags/list")).isEqualTo(new Route(Route.Kind.TAGS, "team/app", null));
        assertThat(Route.parse("/v2/a/referrers/sha256:cd")).isEqualTo(new Route(Route.Kind.REFERRERS, "a", "sha256:cd"));
        assertThat(Route.parse("/v2/team/app/other")).isNull();
        assertThat(Route.parse("/healthz")).isNull();
    }

    @Test
    void invalidNamesAreNameInvalid() {
        for (String bad : new String[] {"/v2/Team/app/tags/list", "/v2/team//app/tags/list", "/v2/-team/tags/list", "/v2/a_/tags/list"}) {
            assertThatThrownBy(() -> Route.parse(bad)).isInstanceOfSatisfying(RegistryException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NAME_INVALID));
        }
    }
}
