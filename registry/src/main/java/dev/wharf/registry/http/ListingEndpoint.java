package dev.wharf.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;
import dev.wharf.registry.auth.Action;
import dev.wharf.registry.manifest.MediaTypes;
import dev.wharf.registry.storage.Digest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Content discovery: tags list and catalog (with {@code n}/{@code last} pagination) and the referrers API. */
final class ListingEndpoint {
    private final RegistryContext ctx;

    ListingEndpoint(RegistryContext ctx) {
        this.ctx = ctx;
    }

    Reply tags(Request r) throws RegistryException, IOException {
        ctx.requireRepository(r.name());
        List<String> all = new ArrayList<>(ctx.repos().tags(r.name()).keySet());
        ObjectNode body = Json.object().put("name", r.name());
        return page(r, all, body, "tags", "/v2/" + r.name() + "/tags/list");
    }

    Reply catalog(Request r) throws RegistryException, IOException {
        List<String> visible = new ArrayList<>();
        for (String repo : ctx.repos().repositories()) {
            if (r.identity().allowed(repo).contains(Action.PULL)) {
                visible.add(repo);
            }
        }
        return page(r, visible, Json.object(), "repositories", "/v2/_catalog");
    }

    private Reply page(Request r, List<String> sorted, ObjectNode body, String field, String path) throws RegistryException {
        String last = r.param("last");
        int from = 0;
        if (last != null) {
            while (from < sorted.size() && sorted.get(from).compareTo(last) <= 0) {
                from++;
            }
        }
        int n = sorted.size() - from;
        String nParam = r.param("n");
        if (nParam != null) {
            try {
                n = Math.min(n, Integer.parseInt(nParam));
            } catch (NumberFormatException e) {
                throw new RegistryException(ErrorCode.UNSUPPORTED, HttpResponseStatus.BAD_REQUEST, "n must be a number");
            }
            if (n < 0) {
                throw new RegistryException(ErrorCode.UNSUPPORTED, HttpResponseStatus.BAD_REQUEST, "n must not be negative");
            }
        }
        List<String> page = sorted.subList(from, from + n);
        ArrayNode arr = body.putArray(field);
        page.forEach(arr::add);
        Reply.Bytes reply = Reply.json(HttpResponseStatus.OK, body);
        if (nParam != null && from + n < sorted.size() && !page.isEmpty()) {
            String next = path + "?n=" + n + "&last=" + URLEncoder.encode(page.get(page.size() - 1), StandardCharsets.UTF_8);
            reply.headers().set("Link", "<" + next + ">; rel=\"next\"");
        }
        return reply;
    }

    Reply referrers(Request r) throws RegistryException, IOException {
        Digest subject = RegistryContext.digest(r.reference());
        String artifactType = r.param("artifactType");
        ObjectNode index = Json.object().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        for (String descriptor : ctx.repos().referrers(r.name(), subject)) {
            JsonNode d = Json.parse(descriptor);
            if (artifactType == null || artifactType.equals(d.path("artifactType").asText(null))) {
                manifests.add(d);
            }
        }
        Reply.Bytes reply = Reply.json(HttpResponseStatus.OK, index, MediaTypes.OCI_INDEX);
        if (artifactType != null) {
            reply.headers().set("OCI-Filters-Applied", "artifactType");
        }
        return reply;
    }
}
