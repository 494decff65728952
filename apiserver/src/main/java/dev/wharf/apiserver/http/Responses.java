package dev.wharf.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writing JSON answers and Status errors. */
public final class Responses {
    private Responses() {
    }

    public static void json(Responder r, int status, ObjectNode body, List<String> warnings) {
        json(r, status, MediaTypes.JSON, body, warnings);
    }

    public static void json(Responder r, int status, String contentType, ObjectNode body, List<String> warnings) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (warnings != null && !warnings.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (String w : warnings) {
                sb.append(sb.isEmpty() ? "" : "\n").append("299 - \"").append(w.replace("\"", "\\\"")).append('"');
            }
            headers.put("Warning", sb.toString());
        }
        r.full(status, contentType, Json.bytes(body), headers);
    }

    public static void error(Responder r, ApiException e) {
        ObjectNode status = Json.tree(e.status());
        status.put("kind", "Status").put("apiVersion", "v1");
        if (!status.has("metadata")) {
            status.putObject("metadata");
        }
        json(r, e.code(), status, List.of());
    }

    public static void text(Responder r, int status, String text) {
        r.full(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A Success Status, as for deletions that removed the object. */
    public static ObjectNode success(String name, String group, String kind, String uid) {
        ObjectNode s = Json.object().put("kind", "Status").put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Success");
        ObjectNode details = s.putObject("details").put("name", name);
        if (group != null && !group.isEmpty()) {
            details.put("group", group);
        }
        details.put("kind", kind);
        if (uid != null && !uid.isEmpty()) {
            details.put("uid", uid);
        }
        return s;
    }

    public static ApiException notFoundPath() {
        return ApiException.of(404, "NotFound", "the server could not find the requested resource");
    }
}
