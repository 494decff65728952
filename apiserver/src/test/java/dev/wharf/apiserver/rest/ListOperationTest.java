package dev.wharf.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.apiserver.ApiFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ListOperationTest {
    private final ApiFixture api = new ApiFixture();

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void pagesWithLimitAndContinueAtTheFirstPagesRevision() {
        for (int i = 0; i < 5; i++) {
            api.create(ResourceTypes.CONFIGMAPS, "default", ApiFixture.configMap("default", "cm" + i, "k", "v"));
        }
        List<String> names = new ArrayList<>();
        String token = null;
        long revision = -1;
        int pages = 0;
        do {
            ListResult page = api.service.reads().list(ResourceTypes.CONFIGMAPS, "default",
                    new ListQuery(null, null, 2, token, null, null, false));
            page.items().forEach(o -> names.add(o.at("/metadata/name").asText()));
            if (revision < 0) {
                revision = page.revision();
            }
            assertThat(page.revision()).isEqualTo(revision);
            token = page.continueToken();
            pages++;
        } while (token != null);
        assertThat(names).containsExactly("cm0", "cm1", "cm2", "cm3", "cm4");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void selectorsFilterAndClusterWideListsSpanNamespaces() {
        api.namespace("other");
        ObjectNode labelled = ApiFixture.configMap("other", "x", "k", "v");
        labelled.with("metadata").putObject("labels").put("app", "web");
        api.create(ResourceTypes.CONFIGMAPS, "other", labelled);
        api.create(ResourceTypes.CONFIGMAPS, "default", ApiFixture.configMap("default", "y", "k", "v"));
        assertThat(api.service.reads().list(ResourceTypes.CONFIGMAPS, null, ListQuery.all()).items()).hasSize(2);
        assertThat(api.service.reads().list(ResourceTypes.CONFIGMAPS, null,
                new ListQuery("app=web", null, 0, null, null, null, false)).items())
                .extracting(o -> o.at("/metadata/name").asText()).containsExactly("x");
        assertThat(api.service.reads().list(ResourceTypes.CONFIGMAPS, null,
                new ListQuery(null, "metadata.name=y", 1, null, null, null, false)).items())
                .extracting(o -> o.at("/metadata/namespace").asText()).containsExactly("default");
    }
}
