package dev.wharf.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cli.Session;
import dev.wharf.cli.discovery.ApiResource;
import dev.wharf.cli.http.RawApi;
import dev.wharf.cli.print.ObjectPrinter;
import dev.wharf.cli.print.Table;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds list, get and watch paths with the selectors of this command. */
final class ObjectLister {
    static final int PAGE = 500;
    private static final int MAX_PAGES = 10_000;
    private final Session session;
    private final String namespace;
    private final String labels;
    private final String fields;

    ObjectLister(Session session, String namespace, String labels, String fields) {
        this.session = session;
        this.namespace = namespace;
        this.labels = labels;
        this.fields = fields;
    }

    /** Every page of a list, {@value #PAGE} objects at a time, following metadata.continue as kubectl does. */
    List<JsonNode> pages(ApiResource r, String accept) {
        List<JsonNode> pages = new ArrayList<>();
        String next = null;
        do {
            String query = query(false, null);
            String paging = "limit=" + PAGE + (next == null ? "" : "&continue=" + encode(next));
            JsonNode page = session.raw().get(r.collectionPath(namespace) + query + (query.isEmpty() ? "?" : "&") + paging, accept);
            pages.add(page);
            next = page.path("metadata").path("continue").asText("");
        } while (!next.isEmpty() && pages.size() < MAX_PAGES);
        return pages;
    }

    List<ObjectNode> list(ApiResource r) {
        List<ObjectNode> items = new ArrayList<>();
        for (JsonNode page : pages(r, RawApi.JSON)) {
            for (ObjectNode item : Table.items(page)) {
                items.add(ObjectPrinter.withType(item, r.apiVersion(), r.kind()));
            }
        }
        return items;
    }

    JsonNode oneAs(ApiResource r, String name, String accept) {
        return session.raw().get(r.collectionPath(namespace == null ? session.namespace() : namespace) + "/" + name, accept);
    }

    ObjectNode one(ApiResource r, String name) {
        return ObjectPrinter.withType((ObjectNode) oneAs(r, name, RawApi.JSON), r.apiVersion(), r.kind());
    }

    String watchPath(ApiResource r, String resourceVersion) {
        return r.collectionPath(namespace) + query(true, resourceVersion);
    }

    private String query(boolean watch, String resourceVersion) {
        List<String> params = new ArrayList<>();
        if (labels != null && !labels.isBlank()) {
            params.add("labelSelector=" + encode(labels));
        }
        if (fields != null && !fields.isBlank()) {
            params.add("fieldSelector=" + encode(fields));
        }
        if (watch) {
            params.add("watch=true");
            if (resourceVersion != null && !resourceVersion.isEmpty()) {
                params.add("resourceVersion=" + encode(resourceVersion));
            }
        }
        return params.isEmpty() ? "" : "?" + String.join("&", params);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
