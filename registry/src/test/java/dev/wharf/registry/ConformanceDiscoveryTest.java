package dev.wharf.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.common.Json;
import dev.wharf.registry.manifest.MediaTypes;
import dev.wharf.registry.storage.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OCI Distribution Spec, "Content discovery": tags list with pagination, catalog, referrers. */
class ConformanceDiscoveryTest {
    @TempDir
    Path dir;
    RegistryFixture reg;
    byte[] config = Images.config("amd64");
    byte[] manifest = Images.manifest(config);

    @BeforeEach
    void push() throws Exception {
        reg = new RegistryFixture(dir, false);
        reg.pushBlob("team/app", config);
        for (String tag : List.of("v3", "v1", "latest", "v2", "v10")) {
            assertThat(reg.putManifest("team/app", tag, MediaTypes.OCI_MANIFEST, manifest).statusCode()).isEqualTo(201);
        }
    }

    @AfterEach
    void stop() throws Exception {
        reg.close();
    }

    private static List<String> list(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void tagsAreListedInLexicalOrder() throws Exception {
        var r = reg.get("/v2/team/app/tags/list");
        JsonNode body = Json.parse(r.body());
        assertThat(body.path("name").asText()).isEqualTo("team/app");
        assertThat(list(body.path("tags"))).containsExactly("latest", "v1", "v10", "v2", "v3");
        assertThat(r.headers().firstValue("Link")).isEmpty();
    }

    @Test
    void tagsPaginateWithNAndLastAndALinkHeader() throws Exception {
        List<String> seen = new ArrayList<>();
        String next = "/v2/team/app/tags/list?n=2";
        int pages = 0;
        while (next != null) {
            var r = reg.get(next);
            assertThat(r.statusCode()).isEqualTo(200);
            List<String> page = list(Json.parse(r.body()).path("tags"));
            assertThat(page.size()).isLessThanOrEqualTo(2);
            seen.addAll(page);
            pages++;
            next = r.headers().firstValue("Link").map(l -> l.substring(1, l.indexOf('>'))).orElse(null);
        }
        assertThat(seen).containsExactly("latest", "v1", "v10", "v2", "v3");
        assertThat(pages).isEqualTo(3);
        assertThat(list(Json.parse(reg.get("/v2/team/app/tags/list?n=10&last=v10").body()).path("tags"))).containsExactly("v2", "v3");
        assertThat(list(Json.parse(reg.get("/v2/team/app/tags/list?n=0").body()).path("tags"))).isEmpty();
    }

    @Test
    void tagsOfAnUnknownRepositoryIsNameUnknown() throws Exception {
        var r = reg.get("/v2/nobody/tags/list");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(ConformancePullTest.code(r)).isEqualTo("NAME_UNKNOWN");
    }

    @Test
    void catalogPaginates() throws Exception {
        reg.pushBlob("team/api", config);
        reg.pushBlob("alpha", config);
        var all = Json.parse(reg.get("/v2/_catalog").body());
        assertThat(list(all.path("repositories"))).containsExactly("alpha", "team/api", "team/app");
        var first = reg.get("/v2/_catalog?n=2");
        assertThat(list(Json.parse(first.body()).path("repositories"))).containsExactly("alpha", "team/api");
        assertThat(first.headers().firstValue("Link")).hasValue("</v2/_catalog?n=2&last=team%2Fapi>; rel=\"next\"");
        assertThat(list(Json.parse(reg.get("/v2/_catalog?n=2&last=team%2Fapi").body()).path("repositories")))
                .containsExactly("team/app");
    }

    @Test
    void referrersListsManifestsWhoseSubjectIsTheDigestWithAnArtifactTypeFilter() throws Exception {
        Digest subject = Digest.of(manifest);
        String subjectDesc = Images.descriptor(MediaTypes.OCI_MANIFEST, manifest);
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] sig = "signature".getBytes(StandardCharsets.UTF_8);
        byte[] sbom = "sbom".getBytes(StandardCharsets.UTF_8);
        reg.pushBlob("team/app", empty);
        reg.pushBlob("team/app", sig);
        reg.pushBlob("team/app", sbom);
        byte[] a1 = Images.artifact("application/vnd.example.signature", subjectDesc, empty, sig);
        byte[] a2 = Images.artifact("application/vnd.example.sbom", subjectDesc, empty, sbom);
        var put = reg.putManifest("team/app", Digest.of(a1).toString(), MediaTypes.OCI_MANIFEST, a1);
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(put.headers().firstValue("OCI-Subject")).hasValue(subject.toString());
        reg.putManifest("team/app", Digest.of(a2).toString(), MediaTypes.OCI_MANIFEST, a2);

        var all = reg.get("/v2/team/app/referrers/" + subject);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Type")).hasValue(MediaTypes.OCI_INDEX);
        JsonNode index = Json.parse(all.body());
        assertThat(index.path("manifests")).hasSize(2);
        var filtered = reg.get("/v2/team/app/referrers/" + subject + "?artifactType=application/vnd.example.sbom");
        assertThat(filtered.headers().firstValue("OCI-Filters-Applied")).hasValue("artifactType");
        JsonNode only = Json.parse(filtered.body()).path("manifests");
        assertThat(only).hasSize(1);
        assertThat(only.get(0).path("digest").asText()).isEqualTo(Digest.of(a2).toString());
        assertThat(only.get(0).path("size").asLong()).isEqualTo(a2.length);

        var none = reg.get("/v2/team/app/referrers/" + Digest.of("nothing refers to this"));
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(Json.parse(none.body()).path("manifests")).isEmpty();

        reg.delete("/v2/team/app/manifests/" + Digest.of(a1));
        assertThat(Json.parse(reg.get("/v2/team/app/referrers/" + subject).body()).path("manifests")).hasSize(1);
    }
}
